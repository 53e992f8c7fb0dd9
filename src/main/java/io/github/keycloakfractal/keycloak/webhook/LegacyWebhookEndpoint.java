package io.github.keycloakfractal.keycloak.webhook;

import io.github.keycloakfractal.fractal.webhook.LegacyWebhook;
import io.github.keycloakfractal.fractal.webhook.WebhookSignature;
import io.github.keycloakfractal.keycloak.http.ApiErrors;
import io.github.keycloakfractal.keycloak.kyc.FractalProviders;
import io.github.keycloakfractal.keycloak.kyc.KycApplier;
import io.github.keycloakfractal.keycloak.kyc.StoredKyc;
import io.github.keycloakfractal.keycloak.settings.WebhookSettings;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.keycloak.models.IdentityProviderModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.util.Booleans;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * {@code POST /realms/{realm}/fractal/webhook}, Fractal ID's legacy webhooks. Answers keep Fractal's retries useful:
 * 2xx only once the update is applied or was already superseded, a not-yet-linked user gets 404 so a later retry can
 * deliver it, and every error is JSON and changes nothing.
 */
public final class LegacyWebhookEndpoint {
    private final KeycloakSession session;

    public LegacyWebhookEndpoint(KeycloakSession session) {
        this.session = session;
    }

    public Response handle(String signature, byte[] body) {
        return WebhookOpening.open(session, WebhookSignature.LEGACY, config -> WebhookSettings.from(config).secretReferences(),
                signature, body, LegacyWebhook::parse, this::deliver);
    }

    private Response deliver(IdentityProviderModel provider, LegacyWebhook webhook) {
        if (webhook.userId() == null) {
            return answer("acknowledged");
        }
        RealmModel realm = session.getContext().getRealm();
        Optional<UserModel> user = FractalProviders.linkedUser(session, realm, provider, webhook.userId());
        if (user.isEmpty()) {
            return ApiErrors.error(Response.Status.NOT_FOUND, "user_not_linked",
                    "No user of this realm is linked to that Fractal user yet; deliver again later.");
        }
        if (webhook.isDecision()) {
            KycApplier applier = FractalProviders.applier(session, realm, provider);
            return answer(applier.apply(user.get(), webhook.nextState(StoredKyc.of(user.get()).approvedLevels(), Instant.now())).name().toLowerCase());
        }
        if (webhook.type().equals("email_changed") && Booleans.isTrue(provider.isTrustEmail())) {
            String email = webhook.email().orElseThrow();
            UserModel owner = session.users().getUserByEmail(realm, email);
            if (owner != null && !owner.getId().equals(user.get().getId()) && !realm.isDuplicateEmailsAllowed()) {
                return ApiErrors.error(Response.Status.CONFLICT, "email_in_use", "Another user of this realm has that email.");
            }
            user.get().setEmail(email);
            user.get().setEmailVerified(true);
            return answer("changed");
        }
        return answer("acknowledged");
    }

    private static Response answer(String result) {
        return Response.ok(Map.of("result", result), MediaType.APPLICATION_JSON_TYPE).build();
    }
}
