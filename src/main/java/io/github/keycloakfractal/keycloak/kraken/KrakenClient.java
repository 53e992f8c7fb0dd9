package io.github.keycloakfractal.keycloak.kraken;

import io.github.keycloakfractal.fractal.kraken.KrakenApi;
import io.github.keycloakfractal.fractal.kraken.KrakenException;
import io.github.keycloakfractal.fractal.kraken.KrakenJourney;
import io.github.keycloakfractal.keycloak.http.KeycloakHttp;
import io.github.keycloakfractal.keycloak.settings.KrakenSettings;
import io.github.keycloakfractal.keycloak.settings.VaultSecrets;
import org.keycloak.crypto.Algorithm;
import org.keycloak.crypto.ECDSASignatureSignerContext;
import org.keycloak.crypto.KeyType;
import org.keycloak.crypto.KeyUse;
import org.keycloak.crypto.KeyWrapper;
import org.keycloak.jose.jws.JWSBuilder;
import org.keycloak.models.KeycloakSession;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Builds {@link KrakenApi} for a provider: Keycloak's HTTP client as transport, and as credential either an ES512
 * JWT {@code {api: true, clientId, exp}} signed with the configured P-521 private key (Kraken's current form, signed
 * with Keycloak's own JOSE code) or the static API key (its first form). The JWT lives five minutes, under
 * Kraken's ten-minute limit.
 */
public final class KrakenClient {
    static final long JWT_LIFETIME_SECONDS = 300;

    private KrakenClient() {
    }

    public static KrakenApi api(KeycloakSession session, KrakenSettings settings) throws KrakenException {
        String url = settings.url().orElseThrow(() -> new KrakenException("no Kraken URL is configured"));
        if (settings.clientId().isEmpty()) {
            throw new KrakenException("no Kraken client id is configured");
        }
        KrakenApi.Credentials credentials = () -> bearer(session, settings);
        return new KrakenApi(url, credentials, KeycloakHttp.transport(session, "kraken"));
    }

    /**
     * The link that starts Kraken's journey. With a private key configured it is the token form, whose signed
     * {@code state} comes back from the token exchange and binds the return to this journey; with only an API key it
     * is the query form, which cannot carry a state.
     */
    public static String journeyLink(KeycloakSession session, KrakenSettings settings, String state) throws KrakenException {
        String url = settings.url().orElseThrow(() -> new KrakenException("no Kraken URL is configured"));
        Optional<PrivateKey> key = privateKey(session, settings);
        if (key.isPresent()) {
            return KrakenJourney.tokenLink(url, sign(KrakenJourney.tokenClaims(clientId(settings), settings.level(), state), key.get()));
        }
        return KrakenJourney.queryLink(url, clientId(settings), settings.level());
    }

    /** Whether journey links carry a signed state, i.e. whether a return without the expected state is forged. */
    public static boolean signsJourneyLinks(KeycloakSession session, KrakenSettings settings) throws KrakenException {
        return privateKey(session, settings).isPresent();
    }

    private static String bearer(KeycloakSession session, KrakenSettings settings) throws KrakenException {
        Optional<PrivateKey> key = privateKey(session, settings);
        if (key.isPresent()) {
            return apiJwt(clientId(settings), key.get());
        }
        List<String> apiKey = VaultSecrets.resolve(session, settings.apiKeyReferences());
        if (!apiKey.isEmpty()) {
            return apiKey.get(0);
        }
        throw new KrakenException("neither a Kraken private key nor an API key is configured (or the vault does not have it)");
    }

    private static Optional<PrivateKey> privateKey(KeycloakSession session, KrakenSettings settings) throws KrakenException {
        List<String> pem = VaultSecrets.resolve(session, settings.privateKeyReferences());
        return pem.isEmpty() ? Optional.empty() : Optional.of(ecPrivateKey(pem.get(0)));
    }

    private static String clientId(KrakenSettings settings) throws KrakenException {
        return settings.clientId().orElseThrow(() -> new KrakenException("no Kraken client id is configured"));
    }

    static String apiJwt(String clientId, PrivateKey key) throws KrakenException {
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("api", true);
        claims.put("clientId", clientId);
        claims.put("exp", Instant.now().getEpochSecond() + JWT_LIFETIME_SECONDS);
        return sign(claims, key);
    }

    /** ES512 with Keycloak's JOSE code, for both the API token and the journey token. */
    static String sign(Map<String, Object> claims, PrivateKey key) throws KrakenException {
        KeyWrapper wrapper = new KeyWrapper();
        wrapper.setAlgorithm(Algorithm.ES512);
        wrapper.setType(KeyType.EC);
        wrapper.setUse(KeyUse.SIG);
        wrapper.setPrivateKey(key);
        try {
            return new JWSBuilder().jsonContent(claims).sign(new ECDSASignatureSignerContext(wrapper));
        } catch (RuntimeException e) {
            throw new KrakenException("could not sign a Kraken token with the configured key");
        }
    }

    /** A PKCS#8 EC private key, PEM or bare base64, as {@code openssl genpkey} writes it. */
    static PrivateKey ecPrivateKey(String pem) throws KrakenException {
        String base64 = pem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        try {
            return KeyFactory.getInstance("EC").generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(base64)));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new KrakenException("the configured Kraken private key is not a PKCS#8 EC key");
        }
    }
}
