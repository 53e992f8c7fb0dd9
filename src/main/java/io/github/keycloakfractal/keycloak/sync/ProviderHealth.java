package io.github.keycloakfractal.keycloak.sync;

import io.github.keycloakfractal.fractal.stats.StatsException;
import io.github.keycloakfractal.keycloak.settings.ClientSettings;
import io.github.keycloakfractal.keycloak.settings.CredentialSettings;
import io.github.keycloakfractal.keycloak.settings.KrakenSettings;
import io.github.keycloakfractal.keycloak.settings.ReconcileSettings;
import io.github.keycloakfractal.keycloak.settings.VaultSecrets;
import io.github.keycloakfractal.keycloak.settings.WebhookSettings;
import org.keycloak.models.IdentityProviderModel;
import org.keycloak.models.KeycloakSession;

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
        Map<String, Object> health = new LinkedHashMap<>();
        health.put("provider", provider.getAlias());
        try {
            List<String> missing = new ArrayList<>();
            health.put("settings", settings(session, provider.getConfig(), missing));
            health.put("missing", missing);
        } catch (IllegalArgumentException unusable) {
            health.put("settings", Map.of("unusable", unusable.getMessage()));
            health.put("missing", List.of());
        }
        health.put("statistics", statistics(session, provider, tokens));
        health.put("last_reconciliation", LastRun.of(session, session.getContext().getRealm(), provider.getAlias()).orElse(null));
        return health;
    }

    private static Map<String, Object> settings(KeycloakSession session, Map<String, String> config, List<String> missing) {
        ClientSettings client = ClientSettings.from(config);
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("environment", client.environment().configValue());
        settings.put("client_id", client.clientId().orElseGet(() -> missing(ClientSettings.CLIENT_ID, missing)));
        settings.put("client_secret", client.clientSecretReference()
                .map(reference -> vaulted(session, List.of(reference), ClientSettings.CLIENT_SECRET, missing))
                .orElseGet(() -> missing(ClientSettings.CLIENT_SECRET, missing)));
        settings.put("webhook_secrets", vaulted(session, WebhookSettings.from(config).secretReferences(), WebhookSettings.SECRETS.key(), missing));
        KrakenSettings kraken = KrakenSettings.from(config);
        if (kraken.clientId().isPresent()) {
            settings.put("kraken_url", kraken.url().orElse(null));
            boolean key = !VaultSecrets.resolve(session, kraken.privateKeyReferences()).isEmpty();
            boolean apiKey = !VaultSecrets.resolve(session, kraken.apiKeyReferences()).isEmpty();
            settings.put("kraken_credential", key ? "private key" : apiKey ? "api key" : "missing");
            if (!key && !apiKey) {
                missing.add(KrakenSettings.PRIVATE_KEY.key() + " or " + KrakenSettings.API_KEY.key());
            }
            settings.put("kraken_webhook_secrets", vaulted(session, kraken.webhookSecretReferences(), KrakenSettings.WEBHOOK_SECRETS.key(), missing));
        } else {
            settings.put("kraken", "not configured");
        }
        CredentialSettings credentials = CredentialSettings.from(config);
        settings.put("credentials_url", credentials.apiUrl().orElse(null));
        settings.put("credentials_signer", credentials.signer().map(signer -> signer.address().toChecksum()).orElse(null));
        if (credentials.signer().isEmpty()) {
            missing.add(CredentialSettings.SIGNER.key());
        }
        ReconcileSettings reconcile = ReconcileSettings.from(config);
        settings.put("statistics_url", reconcile.statsUrl().orElse(null));
        settings.put("reconcile_interval_minutes", reconcile.intervalMinutes());
        return settings;
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

    private static String missing(String key, List<String> missing) {
        missing.add(key);
        return "missing";
    }

    /** "set" when every reference resolves, "not set" when there is none, "not in the vault" (and missing) otherwise. */
    private static String vaulted(KeycloakSession session, List<String> references, String key, List<String> missing) {
        if (references.isEmpty()) {
            return "not set";
        }
        boolean allResolve = references.stream().allMatch(reference -> !VaultSecrets.resolve(session, reference).isEmpty());
        if (!allResolve) {
            missing.add(key);
            return "not in the vault";
        }
        return "set";
    }
}
