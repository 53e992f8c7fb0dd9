package io.github.keycloakfractal.keycloak.settings;

import java.util.List;
import java.util.Map;

/**
 * Fractal ID's legacy webhooks: the vault references of their secrets (each notification type may have its own), and
 * whether webhooks without {@code data.timestamp} (sent before 2020) are accepted. Undated decisions cannot be ordered
 * against the others: dated at receipt, a retry arriving days late would outrank a newer decision. So they are
 * refused unless an admin whose Fractal application still sends them turns this on.
 */
public record WebhookSettings(List<String> secretReferences, boolean acceptUndated) {
    public static final Setting SECRETS = Setting.text("webhookSecrets", "Webhook secrets",
            "Vault references to the secrets of Fractal's webhooks, e.g. ${vault.fractal_webhook}; several separated by commas "
                    + "when notification types have their own secrets. Plain secrets are refused: provider settings are visible to admins.");

    public static final Setting ACCEPT_UNDATED = Setting.flag("webhookAcceptUndated", "Accept undated webhooks",
            "Apply webhooks without data.timestamp (Fractal's format before 2020) as if sent on receipt. Off: they are refused with "
                    + "400, because a late retry of an undated decision could outrank a newer one.", false);

    static final List<Setting> SETTINGS = List.of(SECRETS, ACCEPT_UNDATED);

    public WebhookSettings {
        secretReferences = List.copyOf(secretReferences);
    }

    public static WebhookSettings from(Map<String, String> config) {
        return new WebhookSettings(VaultSecrets.references(SECRETS, config), ACCEPT_UNDATED.flag(config));
    }
}
