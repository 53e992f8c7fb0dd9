package io.github.keycloakfractal.keycloak.webhook;

import io.github.keycloakfractal.keycloak.metrics.FractalMetrics;
import jakarta.ws.rs.core.Response;

import java.util.Map;

/**
 * How a webhook answer reads in metrics: a 2xx by its result ({@code changed} counts as {@code applied}), a 503 as
 * {@code unavailable} and any other error as {@code refused}, both with the error code as the reason.
 */
record WebhookOutcome(String outcome, String reason) {

    static WebhookOutcome of(Response answer) {
        Object entity = answer.getEntity();
        Map<?, ?> body = entity instanceof Map<?, ?> map ? map : Map.of();
        if (answer.getStatus() / 100 == 2) {
            String result = String.valueOf(body.get("result"));
            return new WebhookOutcome("changed".equals(result) ? "applied" : result, null);
        }
        String reason = String.valueOf(body.get("error"));
        return new WebhookOutcome(answer.getStatus() == 503 ? "unavailable" : "refused", reason);
    }

    void count(FractalMetrics metrics, String endpoint, String type) {
        metrics.webhook(endpoint, type, outcome, reason);
    }
}
