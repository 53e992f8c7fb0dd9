package io.github.keycloakfractal.keycloak.webhook;

import io.github.keycloakfractal.fractal.webhook.MalformedWebhookException;
import io.github.keycloakfractal.fractal.webhook.WebhookSignature;
import io.github.keycloakfractal.keycloak.http.ApiErrors;
import io.github.keycloakfractal.keycloak.kyc.FractalProviders;
import io.github.keycloakfractal.keycloak.metrics.FractalMetrics;
import io.github.keycloakfractal.keycloak.settings.VaultSecrets;
import jakarta.ws.rs.core.Response;
import org.keycloak.models.IdentityProviderModel;
import org.keycloak.models.KeycloakSession;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * What every Fractal webhook passes before it is acted on, in this order: at most 64 KiB; a signature over the raw
 * bytes under the secrets of one of the realm's Fractal providers (that provider's settings then apply; the provider
 * aliased {@code fractal} is tried first, from Keycloak's cache); only then the
 * body is parsed. Each step refuses with the extension's JSON error and nothing is changed. Every answer is counted
 * ({@code fractal_webhooks_total} by endpoint, type and outcome).
 */
final class WebhookOpening {
    static final int MAX_BODY = 64 * 1024;

    /** A body as one endpoint reads it; {@link MalformedWebhookException} becomes a 400. */
    interface Parser<T> {
        T parse(byte[] body);
    }

    /** What the endpoint does with a signed, parsed webhook. */
    interface Handler<T> {
        Response handle(IdentityProviderModel signer, T webhook);
    }

    /**
     * One endpoint: its name in metrics, its signature scheme, where its secrets are, how its body reads and what its
     * type is called in metrics.
     */
    record Endpoint<T>(String name, WebhookSignature scheme, Function<Map<String, String>, List<String>> secretReferences,
                       Parser<T> parser, Function<T, String> type) {
    }

    /** A delivery past the opening, or the refusal that ended it. */
    private record Opened<T>(Optional<Response> refusal, IdentityProviderModel signer, T webhook) {
    }

    private WebhookOpening() {
    }

    static <T> Response open(KeycloakSession session, Endpoint<T> endpoint, String signature, byte[] body, Handler<T> handler) {
        Opened<T> opened = gate(session, endpoint, signature, body);
        Response answer = opened.refusal().orElseGet(() -> handler.handle(opened.signer(), opened.webhook()));
        String type = opened.webhook() == null ? "unread" : endpoint.type().apply(opened.webhook());
        WebhookOutcome.of(answer).count(FractalMetrics.keycloak(), endpoint.name(), type);
        return answer;
    }

    private static <T> Opened<T> gate(KeycloakSession session, Endpoint<T> endpoint, String signature, byte[] body) {
        Optional<Response> tooLarge = ApiErrors.tooLarge(body, MAX_BODY);
        if (tooLarge.isPresent()) {
            return new Opened<>(tooLarge, null, null);
        }
        Predicate<IdentityProviderModel> signs = provider ->
                endpoint.scheme().matches(signature, body, secrets(session, provider, endpoint.secretReferences()));
        // the cached conventional provider first; the realm's list (an uncached query) only when that one did not sign
        Optional<IdentityProviderModel> signer = FractalProviders.conventional(session).filter(signs)
                .or(() -> FractalProviders.of(session).stream().filter(signs).findFirst());
        if (signer.isEmpty()) {
            return new Opened<>(Optional.of(ApiErrors.error(Response.Status.UNAUTHORIZED, "invalid_signature",
                    "X-Fractal-Signature is missing or does not match a configured webhook secret.")), null, null);
        }
        try {
            return new Opened<>(Optional.empty(), signer.get(), endpoint.parser().parse(body));
        } catch (MalformedWebhookException e) {
            return new Opened<>(Optional.of(ApiErrors.error(Response.Status.BAD_REQUEST, "invalid_payload", e.getMessage())), null, null);
        }
    }

    /** A provider whose stored settings no longer read (refused at save, so only after a manual edit) signs nothing. */
    private static List<String> secrets(KeycloakSession session, IdentityProviderModel provider,
                                        Function<Map<String, String>, List<String>> secretReferences) {
        try {
            return VaultSecrets.resolve(session, secretReferences.apply(provider.getConfig()));
        } catch (IllegalArgumentException unusable) {
            return List.of();
        }
    }
}
