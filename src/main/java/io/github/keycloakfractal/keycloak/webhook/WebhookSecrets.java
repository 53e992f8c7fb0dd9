package io.github.keycloakfractal.keycloak.webhook;

import io.github.keycloakfractal.fractal.FractalConfigurationException;
import org.keycloak.models.KeycloakSession;
import org.keycloak.vault.VaultStringSecret;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Webhook secrets are configured as vault references only ({@code ${vault.fractal_webhook}}, several separated by
 * commas, because Fractal lets each notification type have its own secret). Keycloak shows identity-provider
 * settings in clear to anyone who may view providers; a vault reference keeps the secret itself out of every admin
 * response, export and log.
 */
public final class WebhookSecrets {
    public static final String LEGACY = "webhookSecrets";
    private static final Pattern VAULT_REFERENCE = Pattern.compile("\\$\\{vault\\.[^}\\s]+}");

    private WebhookSecrets() {
    }

    /** The references in a setting; a plain secret is refused so it is never stored where admins can read it. */
    public static List<String> references(String setting) {
        if (setting == null || setting.isBlank()) {
            return List.of();
        }
        List<String> references = Arrays.stream(setting.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
        for (String reference : references) {
            if (!VAULT_REFERENCE.matcher(reference).matches()) {
                throw new FractalConfigurationException("webhook secrets must be vault references such as ${vault.fractal_webhook}");
            }
        }
        return references;
    }

    /** The secrets the references resolve to; a reference the vault does not know resolves to nothing. */
    static List<String> resolve(KeycloakSession session, String setting) {
        List<String> secrets = new ArrayList<>();
        for (String reference : references(setting)) {
            try (VaultStringSecret secret = session.vault().getStringSecret(reference)) {
                secret.get().filter(value -> !value.isEmpty()).ifPresent(secrets::add);
            }
        }
        return secrets;
    }
}
