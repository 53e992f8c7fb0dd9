package io.github.keycloakfractal.keycloak.settings;

import org.keycloak.models.KeycloakSession;
import org.keycloak.vault.VaultStringSecret;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Secrets in the provider's settings (webhook secrets, Kraken's API key and private key) are vault references only,
 * e.g. {@code ${vault.fractal_webhook}}, several separated by commas where Fractal uses several (each legacy webhook
 * type may have its own secret). Keycloak shows identity-provider settings in clear to anyone who may view
 * providers; a vault reference keeps the secret itself out of every admin response, export and log.
 */
public final class VaultSecrets {
    private static final Pattern VAULT_REFERENCE = Pattern.compile("\\$\\{vault\\.[^}\\s]+}");

    private VaultSecrets() {
    }

    /** The references a setting holds; a plain secret is refused (naming the field) so it is never stored where admins can read it. */
    public static List<String> references(Setting setting, Map<String, String> config) {
        List<String> references = setting.read(config).stream()
                .flatMap(value -> Arrays.stream(value.split(",")))
                .map(String::trim).filter(reference -> !reference.isEmpty()).toList();
        for (String reference : references) {
            if (!VAULT_REFERENCE.matcher(reference).matches()) {
                throw setting.invalid("secrets must be vault references such as ${vault.fractal_webhook}");
            }
        }
        return references;
    }

    /** The secrets the references resolve to, in order; a reference the vault does not know resolves to nothing. */
    public static List<String> resolve(KeycloakSession session, List<String> references) {
        List<String> secrets = new ArrayList<>();
        for (String reference : references) {
            secrets.addAll(resolve(session, reference));
        }
        return secrets;
    }

    /** One reference (Keycloak's own client secret may also be a plain value, which the vault hands back as it is). */
    public static List<String> resolve(KeycloakSession session, String reference) {
        if (reference == null || reference.isBlank()) {
            return List.of();
        }
        try (VaultStringSecret secret = session.vault().getStringSecret(reference)) {
            return secret.get().filter(value -> !value.isEmpty()).map(List::of).orElse(List.of());
        }
    }
}
