package io.github.keycloakfractal.keycloak.vault;

import io.github.keycloakfractal.fractal.FractalConfigurationException;
import org.keycloak.models.KeycloakSession;
import org.keycloak.vault.VaultStringSecret;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Secrets in the provider's settings (webhook secrets, Kraken's API key and private key) are vault references only,
 * e.g. {@code ${vault.fractal_webhook}}, several separated by commas where Fractal uses several (each legacy webhook
 * type may have its own secret). Keycloak shows identity-provider settings in clear to anyone who may view
 * providers; a vault reference keeps the secret itself out of every admin response, export and log.
 */
public final class VaultSecrets {
    /** The legacy Fractal ID webhook secrets. */
    public static final String LEGACY_WEBHOOK = "webhookSecrets";
    private static final Pattern VAULT_REFERENCE = Pattern.compile("\\$\\{vault\\.[^}\\s]+}");

    private VaultSecrets() {
    }

    /** The references in a setting; a plain secret is refused so it is never stored where admins can read it. */
    public static List<String> references(String setting) {
        if (setting == null || setting.isBlank()) {
            return List.of();
        }
        List<String> references = Arrays.stream(setting.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
        for (String reference : references) {
            if (!VAULT_REFERENCE.matcher(reference).matches()) {
                throw new FractalConfigurationException("secrets must be vault references such as ${vault.fractal_webhook}");
            }
        }
        return references;
    }

    /** The secrets the references resolve to; a reference the vault does not know resolves to nothing. */
    public static List<String> resolve(KeycloakSession session, String setting) {
        List<String> secrets = new ArrayList<>();
        for (String reference : references(setting)) {
            try (VaultStringSecret secret = session.vault().getStringSecret(reference)) {
                secret.get().filter(value -> !value.isEmpty()).ifPresent(secrets::add);
            }
        }
        return secrets;
    }
}
