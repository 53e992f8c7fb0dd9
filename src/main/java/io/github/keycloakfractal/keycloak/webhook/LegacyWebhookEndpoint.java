package io.github.keycloakfractal.keycloak.webhook;

import io.github.keycloakfractal.fractal.webhook.LegacyWebhook;
import io.github.keycloakfractal.fractal.webhook.MalformedWebhookException;
import io.github.keycloakfractal.fractal.webhook.WebhookSignature;
import io.github.keycloakfractal.keycloak.kyc.FractalProviders;
import io.github.keycloakfractal.keycloak.kyc.KycApplier;
import io.github.keycloakfractal.keycloak.rest.ApiErrors;
import io.github.keycloakfractal.keycloak.vault.VaultSecrets;
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
 * {@code POST /realms/{realm}/fractal/webhook}, Fractal ID's legacy webhooks. The signature is checked over the raw
 * bytes before anything is parsed. Answers keep Fractal's retries useful: 2xx only once the update is applied or was
 * already superseded, a not-yet-linked user gets 404 so a later retry can deliver it, and every error is JSON and
 * changes nothing.
 */
public final class LegacyWebhookEndpoint {
    private final KeycloakSession session;

    public LegacyWebhookEndpoint(KeycloakSession session) {
        this.session = session;
    }

    public Response handle(String signature, byte[] body) {
        WebhookGate gate = WebhookGate.check(session, WebhookSignature.LEGACY, VaultSecrets.LEGACY_WEBHOOK, signature, body);
        if (gate.refusal().isPresent()) {
            return gate.refusal().get();
        }
        LegacyWebhook webhook;
        try {
            webhook = LegacyWebhook.parse(body);
        } catch (MalformedWebhookException e) {
            return ApiErrors.error(Response.Status.BAD_REQUEST, "invalid_payload", e.getMessage());
        }
        if (webhook.userId() == null) {
            return answer("acknowledged");
        }
        RealmModel realm = session.getContext().getRealm();
        IdentityProviderModel provider = gate.signer();
        Optional<UserModel> user = FractalProviders.linkedUser(session, realm, provider, webhook.userId());
        if (user.isEmpty()) {
            return ApiErrors.error(Response.Status.NOT_FOUND, "user_not_linked",
                    "No user of this realm is linked to that Fractal user yet; deliver again later.");
        }
        if (webhook.isDecision()) {
            KycApplier applier = FractalProviders.applier(session, realm, provider);
            return answer(applier.apply(user.get(), webhook.nextState(KycApplier.approvedLevels(user.get()), Instant.now())).name().toLowerCase());
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
