package io.github.keycloakfractal.keycloak.kraken;

import io.github.keycloakfractal.fractal.FractalConfigurationException;
import io.github.keycloakfractal.fractal.FractalEnvironment;
import io.github.keycloakfractal.fractal.kyc.KycLevel;
import io.github.keycloakfractal.fractal.kyc.KycSource;
import io.github.keycloakfractal.fractal.kyc.KycState;
import io.github.keycloakfractal.fractal.kyc.KycStatus;
import io.github.keycloakfractal.keycloak.vault.VaultSecrets;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The provider's Kraken settings. Kraken is optional: with no client id configured, nothing Kraken-related runs.
 * The API key, the private key and the webhook secrets are vault references (see {@link VaultSecrets}).
 */
public record KrakenSettings(Optional<String> url, String clientId, String apiKeyReference, String privateKeyReference,
                             String webhookSecretReferences, boolean confirmStatus, KycLevel level) {
    public static final String URL = "krakenUrl";
    public static final String CLIENT_ID = "krakenClientId";
    public static final String API_KEY = "krakenApiKey";
    public static final String PRIVATE_KEY = "krakenPrivateKey";
    public static final String WEBHOOK_SECRETS = "krakenWebhookSecrets";
    public static final String CONFIRM_STATUS = "krakenConfirmStatus";
    public static final String LEVEL = "krakenLevel";
    public static final String DEFAULT_LEVEL = "basic+liveness";

    /** From a provider's config; refuses settings that cannot work (plain secrets, a bad URL or level). */
    public static KrakenSettings from(Map<String, String> config) {
        Optional<String> url = Optional.ofNullable(blankToNull(config.get(URL)))
                .or(() -> FractalEnvironment.fromConfig(config.get("environment")).krakenUrl());
        url.ifPresent(KrakenSettings::checkUrl);
        VaultSecrets.references(config.get(API_KEY));
        VaultSecrets.references(config.get(PRIVATE_KEY));
        VaultSecrets.references(config.get(WEBHOOK_SECRETS));
        String level = blankToNull(config.get(LEVEL));
        return new KrakenSettings(url, blankToNull(config.get(CLIENT_ID)), config.get(API_KEY), config.get(PRIVATE_KEY),
                config.get(WEBHOOK_SECRETS), !"false".equalsIgnoreCase(config.get(CONFIRM_STATUS)),
                KycLevel.parse(level == null ? DEFAULT_LEVEL : level));
    }

    /** What Kraken's decision means for the user: an approval is an approval of the configured level. */
    public KycState observed(KycStatus status, String note, KycSource source) {
        return KycState.of(status, status == KycStatus.APPROVED ? List.of(level) : List.of(), note, source, Instant.now());
    }

    private static void checkUrl(String url) {
        URI uri;
        try {
            uri = URI.create(url);
        } catch (IllegalArgumentException e) {
            throw new FractalConfigurationException("the Kraken URL is not a URL: " + url);
        }
        if (uri.getHost() == null || !(uri.getScheme().equals("https") || uri.getScheme().equals("http"))) {
            throw new FractalConfigurationException("the Kraken URL is not an absolute http(s) URL: " + url);
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
