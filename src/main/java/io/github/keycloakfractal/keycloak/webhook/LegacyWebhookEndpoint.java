package io.github.keycloakfractal.keycloak.webhook;

import io.github.keycloakfractal.fractal.kyc.FutureObservationException;
import io.github.keycloakfractal.fractal.kyc.KycLedger;
import io.github.keycloakfractal.fractal.kyc.KycObservation;
import io.github.keycloakfractal.fractal.webhook.LegacyWebhook;
import io.github.keycloakfractal.fractal.webhook.MalformedWebhookException;
import io.github.keycloakfractal.fractal.webhook.WebhookSignature;
import io.github.keycloakfractal.keycloak.http.ApiErrors;
import io.github.keycloakfractal.keycloak.kyc.FractalProviders;
import io.github.keycloakfractal.keycloak.kyc.KycApplier;
import io.github.keycloakfractal.keycloak.settings.WebhookSettings;
import jakarta.ws.rs.core.Response;
import org.keycloak.models.IdentityProviderModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.util.Booleans;

import java.time.Instant;
import java.util.Optional;

/**
 * {@code POST /realms/{realm}/fractal/webhook}, Fractal ID's legacy webhooks. Answers keep Fractal's retries useful:
 * 2xx only once the change is committed (or was there already: {@code duplicate}, {@code stale}), a not-yet-linked user
 * gets 404 so a later retry can deliver it, a database that cannot commit gets 503, and every refusal is JSON and
 * changes nothing. Decisions are merged per level into the user's state; {@code email_changed} is ordered by Fractal's
 * time, so a captured old body cannot bring an old address back.
 */
public final class LegacyWebhookEndpoint {
    private final KeycloakSession session;

    public LegacyWebhookEndpoint(KeycloakSession session) {
        this.session = session;
    }

    private static final WebhookOpening.Endpoint<LegacyWebhook> ENDPOINT = new WebhookOpening.Endpoint<>("legacy", WebhookSignature.LEGACY,
            config -> WebhookSettings.from(config).secretReferences(), LegacyWebhook::parse, LegacyWebhook::type);

    public Response handle(String signature, byte[] body) {
        return WebhookOpening.open(session, ENDPOINT, signature, body, this::deliver);
    }

    private Response deliver(IdentityProviderModel provider, LegacyWebhook webhook) {
        if (webhook.userId() == null) {
            return WebhookAnswers.result("acknowledged");
        }
        RealmModel realm = session.getContext().getRealm();
        Optional<UserModel> user = FractalProviders.linkedUser(session, realm, provider, webhook.userId());
        if (user.isEmpty()) {
            return ApiErrors.error(Response.Status.NOT_FOUND, "user_not_linked",
                    "No user of this realm is linked to that Fractal user yet; deliver again later.");
        }
        boolean acceptUndated = WebhookSettings.from(provider.getConfig()).acceptUndated();
        Instant receivedAt = Instant.now();
        if (webhook.isDecision()) {
            KycObservation observation;
            try {
                observation = webhook.observation(receivedAt, acceptUndated);
                KycLedger.requireNotFuture(observation.at(), receivedAt);
            } catch (MalformedWebhookException | FutureObservationException e) {
                return ApiErrors.error(Response.Status.BAD_REQUEST, "invalid_payload", e.getMessage());
            }
            return WebhookAnswers.committed(session, user.get().getId(), (job, stored) ->
                    FractalProviders.applier(job, job.getContext().getRealm(), provider).apply(stored, observation));
        }
        if (webhook.type().equals("email_changed") && Booleans.isTrue(provider.isTrustEmail())) {
            return changeEmail(provider, user.get(), webhook, acceptUndated, receivedAt);
        }
        return WebhookAnswers.result("acknowledged");
    }

    private Response changeEmail(IdentityProviderModel provider, UserModel user, LegacyWebhook webhook, boolean acceptUndated, Instant receivedAt) {
        if (webhook.timestamp().isEmpty() && !acceptUndated) {
            return ApiErrors.error(Response.Status.BAD_REQUEST, "invalid_payload",
                    "email_changed without data.timestamp, and this provider does not accept undated webhooks");
        }
        Instant changedAt = webhook.timestamp().orElse(receivedAt);
        try {
            KycLedger.requireNotFuture(changedAt, receivedAt);
        } catch (FutureObservationException e) {
            return ApiErrors.error(Response.Status.BAD_REQUEST, "invalid_payload", "data.timestamp: " + e.getMessage());
        }
        String email = webhook.email().orElseThrow();
        RealmModel realm = session.getContext().getRealm();
        UserModel owner = session.users().getUserByEmail(realm, email);
        if (owner != null && !owner.getId().equals(user.getId()) && !realm.isDuplicateEmailsAllowed()) {
            return ApiErrors.error(Response.Status.CONFLICT, "email_in_use", "Another user of this realm has that email.");
        }
        return WebhookAnswers.committed(session, user.getId(), (job, stored) ->
                FractalProviders.applier(job, job.getContext().getRealm(), provider).changeEmail(stored, email, changedAt));
    }
}
