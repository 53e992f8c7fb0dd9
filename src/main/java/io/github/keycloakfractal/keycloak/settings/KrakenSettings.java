package io.github.keycloakfractal.keycloak.settings;

import io.github.keycloakfractal.fractal.kyc.KycLevel;
import io.github.keycloakfractal.fractal.kyc.UnknownKycValueException;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The provider's Kraken settings. Kraken is optional: with no client id configured, nothing Kraken-related runs.
 * The API key, the private key and the webhook secrets are vault references (see {@link VaultSecrets}); the URL is
 * the environment's Kraken host unless overridden.
 */
public record KrakenSettings(Optional<String> url, Optional<String> clientId, List<String> apiKeyReferences,
                             List<String> privateKeyReferences, List<String> webhookSecretReferences, boolean confirmStatus,
                             KycLevel level) {
    public static final Setting CLIENT_ID = Setting.text("krakenClientId", "Kraken client ID",
            "The client id Fractal issued for Kraken, its newer KYC flow. Empty: Kraken is not used.");
    public static final Setting URL = Setting.text("krakenUrl", "Kraken URL override", "Leave empty to use the environment's Kraken host.");
    public static final Setting PRIVATE_KEY = Setting.text("krakenPrivateKey", "Kraken private key",
            "Vault reference to your ES512 (P-521) PKCS#8 private key; API calls then use signed JWTs.");
    public static final Setting API_KEY = Setting.text("krakenApiKey", "Kraken API key",
            "Vault reference to a static Kraken API key (Kraken's first authentication form); used when no private key is set.");
    public static final Setting WEBHOOK_SECRETS = Setting.text("krakenWebhookSecrets", "Kraken webhook secrets",
            "Vault references to the secret Fractal gave you for Kraken webhooks.");
    public static final Setting CONFIRM_STATUS = Setting.flag("krakenConfirmStatus", "Confirm Kraken webhooks",
            "Kraken webhooks carry no timestamp: ask Kraken for the current status before applying one.", true);
    public static final Setting LEVEL = Setting.text("krakenLevel", "Kraken KYC level",
            "The level your Kraken journey verifies, e.g. basic+liveness; its roles are granted on approval.", "basic+liveness");

    static final List<Setting> SETTINGS = List.of(CLIENT_ID, URL, PRIVATE_KEY, API_KEY, WEBHOOK_SECRETS, CONFIRM_STATUS, LEVEL);

    public KrakenSettings {
        apiKeyReferences = List.copyOf(apiKeyReferences);
        privateKeyReferences = List.copyOf(privateKeyReferences);
        webhookSecretReferences = List.copyOf(webhookSecretReferences);
    }

    /** From a provider's config; refuses settings that cannot work (plain secrets, a bad URL or level). */
    public static KrakenSettings from(Map<String, String> config) {
        Optional<String> url = URL.url(config).or(() -> ClientSettings.environment(config).krakenUrl());
        KycLevel level;
        try {
            level = KycLevel.parse(LEVEL.readOrDefault(config));
        } catch (UnknownKycValueException e) {
            throw LEVEL.invalid(e.getMessage());
        }
        return new KrakenSettings(url, CLIENT_ID.read(config), VaultSecrets.references(API_KEY, config),
                VaultSecrets.references(PRIVATE_KEY, config), VaultSecrets.references(WEBHOOK_SECRETS, config),
                CONFIRM_STATUS.flag(config), level);
    }

    /** Whether Kraken is used at all: a client id and a host to ask. */
    public boolean configured() {
        return clientId.isPresent() && url.isPresent();
    }
}
