package io.github.keycloakfractal.keycloak.webhook;

import io.github.keycloakfractal.fractal.webhook.WebhookSignature;
import io.github.keycloakfractal.keycloak.kyc.FractalProviders;
import io.github.keycloakfractal.keycloak.rest.ApiErrors;
import io.github.keycloakfractal.keycloak.vault.VaultSecrets;
import jakarta.ws.rs.core.Response;
import org.keycloak.models.IdentityProviderModel;
import org.keycloak.models.KeycloakSession;

import java.util.Optional;

/**
 * What every Fractal webhook passes before its body is read: at most 64 KiB, then a signature under the secrets of
 * one of the realm's Fractal providers (that provider's settings then apply). Either a refusal or the signer.
 */
public record WebhookGate(Optional<Response> refusal, IdentityProviderModel signer) {
    static final int MAX_BODY = 64 * 1024;

    public static WebhookGate check(KeycloakSession session, WebhookSignature scheme, String secretsSetting, String signature, byte[] body) {
        if (body.length > MAX_BODY) {
            return refused(ApiErrors.error(Response.Status.REQUEST_ENTITY_TOO_LARGE, "payload_too_large", "Webhook bodies are limited to 64 KiB."));
        }
        return FractalProviders.of(session).stream()
                .filter(provider -> scheme.matches(signature, body, VaultSecrets.resolve(session, provider.getConfig().get(secretsSetting))))
                .findFirst()
                .map(provider -> new WebhookGate(Optional.empty(), provider))
                .orElseGet(() -> refused(ApiErrors.error(Response.Status.UNAUTHORIZED, "invalid_signature",
                        "X-Fractal-Signature is missing or does not match a configured webhook secret.")));
    }

    private static WebhookGate refused(Response response) {
        return new WebhookGate(Optional.of(response), null);
    }
}
