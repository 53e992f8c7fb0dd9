package io.github.keycloakfractal.keycloak.settings;

import java.util.List;
import java.util.Map;

/** Fractal ID's legacy webhooks: the vault references of their secrets (each notification type may have its own). */
public record WebhookSettings(List<String> secretReferences) {
    public static final Setting SECRETS = Setting.text("webhookSecrets", "Webhook secrets",
            "Vault references to the secrets of Fractal's webhooks, e.g. ${vault.fractal_webhook}; several separated by commas "
                    + "when notification types have their own secrets. Plain secrets are refused: provider settings are visible to admins.");

    static final List<Setting> SETTINGS = List.of(SECRETS);

    public WebhookSettings {
        secretReferences = List.copyOf(secretReferences);
    }

    public static WebhookSettings from(Map<String, String> config) {
        return new WebhookSettings(VaultSecrets.references(SECRETS, config));
    }
}
