package io.github.keycloakfractal.keycloak.sync;

import io.github.keycloakfractal.fractal.stats.StatsException;
import io.github.keycloakfractal.keycloak.broker.FractalIdentityProviderConfig;
import io.github.keycloakfractal.keycloak.credentials.CredentialSettings;
import io.github.keycloakfractal.keycloak.kraken.KrakenSettings;
import io.github.keycloakfractal.keycloak.vault.VaultSecrets;
import org.keycloak.models.IdentityProviderModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.vault.VaultStringSecret;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One provider's configuration health for admins: which settings are missing or do not resolve, and whether Fractal
 * answers the statistics API with the configured client. Secrets are reported as "set", "missing" or "not in the
 * vault", never with their value; URLs and the public signer address are shown as configured.
 */
final class ProviderHealth {
    private ProviderHealth() {
    }

    static Map<String, Object> of(KeycloakSession session, IdentityProviderModel provider, StatsTokens tokens) {
        Map<String, String> config = provider.getConfig();
        FractalIdentityProviderConfig fractal = new FractalIdentityProviderConfig(provider);
        Map<String, Object> settings = new LinkedHashMap<>();
        List<String> missing = new ArrayList<>();
        settings.put("environment", fractal.environment().configValue());
        settings.put("client_id", present(config.get("clientId"), "clientId", missing));
        settings.put("client_secret", clientSecret(session, fractal.getClientSecret(), missing));
        settings.put("webhook_secrets", vaulted(session, config.get(VaultSecrets.LEGACY_WEBHOOK), "webhookSecrets", missing));
        KrakenSettings kraken = KrakenSettings.from(config);
        if (kraken.clientId() != null) {
            settings.put("kraken_url", kraken.url().orElse(null));
            boolean key = !VaultSecrets.resolve(session, kraken.privateKeyReference()).isEmpty();
            boolean apiKey = !VaultSecrets.resolve(session, kraken.apiKeyReference()).isEmpty();
            settings.put("kraken_credential", key ? "private key" : apiKey ? "api key" : "missing");
            if (!key && !apiKey) {
                missing.add("krakenPrivateKey or krakenApiKey");
            }
            settings.put("kraken_webhook_secrets", vaulted(session, kraken.webhookSecretReferences(), "krakenWebhookSecrets", missing));
        } else {
            settings.put("kraken", "not configured");
        }
        CredentialSettings credentials = CredentialSettings.from(config);
        settings.put("credentials_url", credentials.apiUrl().orElse(null));
        settings.put("credentials_signer", credentials.signer().map(signer -> signer.address().toChecksum()).orElse(null));
        if (credentials.signer().isEmpty()) {
            missing.add("credentialsSigner");
        }
        ReconcileSettings reconcile = ReconcileSettings.from(config);
        settings.put("statistics_url", reconcile.statsUrl().orElse(null));
        settings.put("reconcile_interval_minutes", reconcile.intervalMinutes());

        Map<String, Object> health = new LinkedHashMap<>();
        health.put("provider", provider.getAlias());
        health.put("settings", settings);
        health.put("missing", missing);
        health.put("statistics", statistics(session, provider, tokens));
        health.put("last_reconciliation", LastRun.of(session, session.getContext().getRealm(), provider.getAlias()).orElse(null));
        return health;
    }

    private static Map<String, Object> statistics(KeycloakSession session, IdentityProviderModel provider, StatsTokens tokens) {
        Map<String, Object> answer = new LinkedHashMap<>();
        try {
            answer.put("totals", FractalStats.api(session, provider, tokens).totals());
            answer.put("reachable", true);
        } catch (StatsException e) {
            answer.put("reachable", false);
            answer.put("detail", e.getMessage());
        }
        return answer;
    }

    private static String present(String value, String name, List<String> missing) {
        if (value == null || value.isBlank()) {
            missing.add(name);
            return "missing";
        }
        return value;
    }

    private static String clientSecret(KeycloakSession session, String reference, List<String> missing) {
        if (reference == null || reference.isBlank()) {
            missing.add("clientSecret");
            return "missing";
        }
        try (VaultStringSecret secret = session.vault().getStringSecret(reference)) {
            if (secret.get().filter(value -> !value.isEmpty()).isEmpty()) {
                missing.add("clientSecret");
                return "not in the vault";
            }
        }
        return "set";
    }

    private static String vaulted(KeycloakSession session, String references, String name, List<String> missing) {
        if (references == null || references.isBlank()) {
            return "not set";
        }
        if (VaultSecrets.resolve(session, references).size() < VaultSecrets.references(references).size()) {
            missing.add(name);
            return "not in the vault";
        }
        return "set";
    }
}
