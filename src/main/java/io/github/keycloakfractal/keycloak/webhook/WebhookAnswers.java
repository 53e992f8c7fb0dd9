package io.github.keycloakfractal.keycloak.webhook;

import io.github.keycloakfractal.keycloak.http.ApiErrors;
import io.github.keycloakfractal.keycloak.kyc.KycApplier;
import io.github.keycloakfractal.keycloak.kyc.KycTransaction;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.UserModel;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;

/**
 * How both webhooks answer Fractal: {@code {"result": changed|unchanged|stale|duplicate|acknowledged}} with 200 once the
 * change is committed, 503 JSON when it could not be (Fractal retries a non-2xx later).
 */
final class WebhookAnswers {
    private WebhookAnswers() {
    }

    static Response result(String result) {
        return result(result, Map.of());
    }

    static Response result(String result, Map<String, String> more) {
        Map<String, String> body = new LinkedHashMap<>();
        body.put("result", result);
        body.putAll(more);
        return Response.ok(body, MediaType.APPLICATION_JSON_TYPE).build();
    }

    static Response result(KycApplier.Outcome outcome, Map<String, String> more) {
        return result(outcome.name().toLowerCase(Locale.ROOT), more);
    }

    /** Applies the change to the user ({@link KycTransaction}: the request's transaction first) and answers only once it is committed. */
    static Response committed(KeycloakSession session, String userId, BiFunction<KeycloakSession, UserModel, KycApplier.Outcome> change) {
        return committed(session, userId, change, Map.of());
    }

    static Response committed(KeycloakSession session, String userId, BiFunction<KeycloakSession, UserModel, KycApplier.Outcome> change,
                              Map<String, String> more) {
        Optional<Optional<KycApplier.Outcome>> outcome = KycTransaction.run(session, job ->
                Optional.ofNullable(job.users().getUserById(job.getContext().getRealm(), userId)).map(user -> change.apply(job, user)));
        if (outcome.isEmpty()) {
            return ApiErrors.error(Response.Status.SERVICE_UNAVAILABLE, "temporarily_unavailable",
                    "The change could not be saved right now; deliver again later.");
        }
        return outcome.get().map(applied -> result(applied, more)).orElseGet(() -> ApiErrors.error(Response.Status.NOT_FOUND,
                "user_not_linked", "The user was removed meanwhile."));
    }
}
