package io.github.keycloakfractal.keycloak.credentials;

import io.github.keycloakfractal.fractal.credentials.FractalProof;
import io.github.keycloakfractal.fractal.kyc.FutureObservationException;
import io.github.keycloakfractal.fractal.kyc.KycLedger;
import io.github.keycloakfractal.keycloak.http.ApiErrors;
import io.github.keycloakfractal.keycloak.kyc.FractalProviders;
import io.github.keycloakfractal.keycloak.kyc.KycAttributes;
import io.github.keycloakfractal.keycloak.kyc.KycTransaction;
import io.github.keycloakfractal.keycloak.settings.CredentialSettings;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.keycloak.models.IdentityProviderModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Binds a verified proof's wallet to the user: one user per wallet, and (unless the realm allows it) one user per
 * Fractal identity, since one verified person binding several wallets would otherwise approve several accounts. A short
 * cluster-wide lock on the wallet and on the identity keeps two concurrent binds from both passing the checks. The
 * change is committed before the answer, so a 200 means the roles are there.
 */
final class WalletBinding {
    private static final long LOCK_SECONDS = 10;

    private final KeycloakSession session;
    private final RealmModel realm;

    WalletBinding(KeycloakSession session) {
        this.session = session;
        this.realm = session.getContext().getRealm();
    }

    Response bind(UserModel user, IdentityProviderModel provider, CredentialSettings settings, FractalProof proof) {
        try {
            KycLedger.requireNotFuture(proof.approvedAt(), Instant.now());
        } catch (FutureObservationException e) {
            return ApiErrors.error(Response.Status.BAD_REQUEST, "invalid_proof", "The proof's approvedAt: " + e.getMessage());
        }
        String wallet = proof.address().value();
        if (!lock("wallet", wallet) || boundToAnother(user, KycAttributes.WALLET_ADDRESS, wallet)) {
            return ApiErrors.error(Response.Status.CONFLICT, "wallet_in_use", "This wallet is bound to another account of this realm.");
        }
        if (settings.oneAccountPerPerson() && (!lock("identity", proof.fractalId()) || boundToAnother(user, KycAttributes.FRACTAL_ID, proof.fractalId()))) {
            return ApiErrors.error(Response.Status.CONFLICT, "identity_in_use",
                    "The person this wallet's credential verifies has bound a wallet to another account of this realm.");
        }
        Optional<Boolean> bound = KycTransaction.run(session, job -> Optional.ofNullable(job.users().getUserById(job.getContext().getRealm(), user.getId()))
                .map(current -> FractalProviders.applier(job, job.getContext().getRealm(), provider).applyCredential(current, proof))
                .isPresent());
        if (bound.isEmpty()) {
            return ApiErrors.error(Response.Status.SERVICE_UNAVAILABLE, "temporarily_unavailable", "The wallet could not be saved right now; try again.");
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("wallet", wallet);
        body.put("fractal_id", proof.fractalId());
        body.put("credential", proof.credential().text());
        body.put("valid_until", proof.validUntil().toString());
        return Response.ok(body, MediaType.APPLICATION_JSON_TYPE).build();
    }

    /** False while another bind of the same wallet or identity is under way (anywhere in the cluster). */
    private boolean lock(String kind, String value) {
        return session.singleUseObjects().putIfAbsent("fractal-wallet-bind:" + realm.getId() + ":" + kind + ":" + value, LOCK_SECONDS);
    }

    private boolean boundToAnother(UserModel user, String attribute, String value) {
        return session.users().searchForUserByUserAttributeStream(realm, attribute, value).anyMatch(other -> !other.getId().equals(user.getId()));
    }
}
