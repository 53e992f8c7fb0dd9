package io.github.keycloakfractal.keycloak.credentials;

import io.github.keycloakfractal.fractal.credentials.CredentialError;
import io.github.keycloakfractal.fractal.credentials.CredentialException;
import io.github.keycloakfractal.fractal.credentials.CredentialMessage;
import io.github.keycloakfractal.fractal.credentials.CredentialsApi;
import io.github.keycloakfractal.fractal.credentials.CredentialsUnavailableException;
import io.github.keycloakfractal.fractal.credentials.FractalProof;
import io.github.keycloakfractal.fractal.credentials.PersonalSignature;
import io.github.keycloakfractal.fractal.credentials.ProofException;
import io.github.keycloakfractal.fractal.credentials.WalletAddress;
import io.github.keycloakfractal.keycloak.http.KeycloakHttp;
import io.github.keycloakfractal.keycloak.kyc.FractalProviders;
import io.github.keycloakfractal.keycloak.metrics.FractalMetrics;
import io.github.keycloakfractal.keycloak.settings.ClientSettings;
import io.github.keycloakfractal.keycloak.settings.CredentialSettings;
import io.github.keycloakfractal.keycloak.http.ApiErrors;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;
import org.keycloak.models.IdentityProviderModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;

import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code GET /credentials/challenge} and {@code POST /credentials}: a signed-in user binds a wallet whose owner
 * Fractal verified. The wallet must sign a fresh challenge issued to this user (proof of control); the authorization
 * message, if sent, must be signed by the same wallet and name this realm's Fractal application; the proof, from
 * Fractal or from the caller, must name the same wallet, carry the configured signer's signature, be unexpired and
 * meet the realm's requirement. Only then is the wallet bound (one user per wallet and realm) and applied. Every
 * refusal is a JSON error that changes nothing, except that the challenge is spent.
 */
public final class CredentialEndpoint {
    private static final Logger LOG = Logger.getLogger(CredentialEndpoint.class);

    private final KeycloakSession session;
    private final RealmModel realm;
    private final WalletChallenges challenges;

    public CredentialEndpoint(KeycloakSession session) {
        this.session = session;
        this.realm = session.getContext().getRealm();
        this.challenges = new WalletChallenges(session);
    }

    /** A challenge for this user, and the authorization message the realm's requirement asks Fractal for. */
    public Response challenge(UserModel user) {
        Optional<Configured> configured = configured();
        if (configured.isEmpty()) {
            return notConfigured();
        }
        CredentialSettings settings = configured.get().settings();
        String displayName = RealmNames.displayName(realm);
        WalletChallenges.Challenge challenge = challenges.issue(realm, user, settings.challengeLifetime(), displayName);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("challenge", challenge.nonce());
        body.put("challenge_text", challenge.text());
        body.put("expires_at", challenge.expiresAt().toString());
        body.put("authorization_message", RealmNames.authorizationMessage(settings, settings.appName().orElse(displayName), realm.getName(),
                ClientSettings.clientId(configured.get().provider().getConfig()).orElse("")).orElse(null));
        return Response.ok(body, MediaType.APPLICATION_JSON_TYPE).build();
    }

    /** Binds the wallet, and counts the outcome ({@code fractal_wallet_binds_total}: bound, or refused with the error code). */
    public Response bind(UserModel user, byte[] body) {
        Response answer = tryToBind(user, body);
        Object entity = answer.getEntity();
        Object error = entity instanceof Map<?, ?> map ? map.get("error") : null;
        FractalMetrics.keycloak().walletBind(answer.getStatus() == 200 ? "bound" : "refused", error == null ? null : error.toString());
        return answer;
    }

    private Response tryToBind(UserModel user, byte[] body) {
        Optional<Response> tooLarge = ApiErrors.tooLarge(body, CredentialRequest.MAX_BYTES);
        if (tooLarge.isPresent()) {
            return tooLarge.get();
        }
        CredentialRequest request;
        try {
            request = CredentialRequest.parse(body);
        } catch (CredentialRequest.Malformed e) {
            return ApiErrors.error(Response.Status.BAD_REQUEST, "invalid_request", e.getMessage());
        }
        Optional<Configured> configured = configured();
        if (configured.isEmpty()) {
            return notConfigured();
        }
        IdentityProviderModel provider = configured.get().provider();
        CredentialSettings settings = configured.get().settings();
        String challengeText = challenges.consume(realm, user, request.challenge()).orElse(null);
        if (challengeText == null) {
            return ApiErrors.error(Response.Status.BAD_REQUEST, "invalid_challenge",
                    "The challenge is unknown, expired, used already or was issued to someone else.");
        }
        try {
            WalletAddress wallet = PersonalSignature.parse(request.challengeSignature()).recover(challengeText);
            FractalProof proof = request.message().isPresent()
                    ? proofFromFractal(provider, settings, wallet, request.message().get())
                    : FractalProof.fromJson(request.proof().orElseThrow());
            proof.verifyFor(wallet, settings.signer().orElseThrow(), Instant.now(), settings.maxAge());
            List<String> shortfalls = settings.requirement().shortfalls(proof.credential());
            if (!shortfalls.isEmpty()) {
                return ApiErrors.error(Response.Status.FORBIDDEN, "requirement_not_met",
                        "The credential does not meet this realm's requirement: " + String.join("; ", shortfalls) + ".");
            }
            return new WalletBinding(session).bind(user, provider, settings, proof);
        } catch (ProofException e) {
            return proofRefused(e);
        } catch (CredentialException e) {
            return ApiErrors.error(Response.Status.fromStatusCode(e.error().httpStatus()), e.error().code(), e.getMessage());
        } catch (CredentialsUnavailableException e) {
            LOG.warnf("Wallet credential in realm %s not bound: %s", realm.getName(), e.getMessage());
            return ApiErrors.error(Response.Status.SERVICE_UNAVAILABLE, "fractal_unavailable",
                    "Fractal's Credentials API could not be asked; try again later.");
        } catch (WalletMismatch e) {
            return ApiErrors.error(Response.Status.BAD_REQUEST, "wallet_mismatch", e.getMessage());
        }
    }

    private FractalProof proofFromFractal(IdentityProviderModel provider, CredentialSettings settings, WalletAddress wallet,
                                          CredentialRequest.SignedMessage signed) throws CredentialsUnavailableException, WalletMismatch {
        CredentialMessage message = CredentialMessage.parse(signed.text());
        if (!ClientSettings.clientId(provider.getConfig()).filter(message.clientId()::equals).isPresent()) {
            throw new CredentialException(CredentialError.INVALID_CLIENT_ID,
                    "The message authorizes another application than this realm's Fractal client.");
        }
        PersonalSignature signature = PersonalSignature.parse(signed.signature());
        if (!signature.recover(message.text()).equals(wallet)) {
            throw new WalletMismatch("The message was not signed by the wallet that signed the challenge.");
        }
        String url = settings.apiUrl().orElseThrow(() -> new CredentialsUnavailableException("no Credentials API URL is configured"));
        return new CredentialsApi(url, KeycloakHttp.transport(session, "credentials")).proofFor(message, signature);
    }

    private static Response proofRefused(ProofException e) {
        String error = switch (e.failure()) {
            case WRONG_SIGNER -> "proof_signer_mismatch";
            case WRONG_SUBJECT -> "wallet_mismatch";
            case EXPIRED -> "proof_expired";
            case TOO_OLD -> "proof_too_old";
            case MALFORMED -> "invalid_proof";
        };
        return ApiErrors.error(Response.Status.BAD_REQUEST, error, e.getMessage());
    }

    private record Configured(IdentityProviderModel provider, CredentialSettings settings) {
    }

    /** The realm's Fractal provider for wallet credentials (the first enabled one by alias), if it knows its signer. */
    private Optional<Configured> configured() {
        return FractalProviders.of(session).stream().min(Comparator.comparing(IdentityProviderModel::getAlias)).flatMap(provider -> {
            try {
                CredentialSettings settings = CredentialSettings.from(provider.getConfig());
                return settings.signer().isPresent() ? Optional.of(new Configured(provider, settings)) : Optional.empty();
            } catch (IllegalArgumentException unusable) {
                return Optional.empty();
            }
        });
    }

    private static Response notConfigured() {
        return ApiErrors.error(Response.Status.SERVICE_UNAVAILABLE, "not_configured",
                "Wallet credentials are not configured in this realm (a Fractal provider with a known signer).");
    }

    /** The message or the proof names another wallet than the one that signed the challenge. */
    private static final class WalletMismatch extends Exception {
        WalletMismatch(String message) {
            super(message);
        }
    }
}
