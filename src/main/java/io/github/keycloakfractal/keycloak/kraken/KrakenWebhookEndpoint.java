package io.github.keycloakfractal.keycloak.kraken;

import io.github.keycloakfractal.fractal.kraken.KrakenException;
import io.github.keycloakfractal.fractal.kraken.KrakenWebhook;
import io.github.keycloakfractal.fractal.kyc.KycSource;
import io.github.keycloakfractal.fractal.kyc.KycState;
import io.github.keycloakfractal.fractal.kyc.KycStatus;
import io.github.keycloakfractal.fractal.webhook.MalformedWebhookException;
import io.github.keycloakfractal.fractal.webhook.WebhookSignature;
import io.github.keycloakfractal.keycloak.kyc.FractalProviders;
import io.github.keycloakfractal.keycloak.kyc.KycAttributes;
import io.github.keycloakfractal.keycloak.rest.ApiErrors;
import io.github.keycloakfractal.keycloak.webhook.WebhookGate;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;

import java.util.List;
import java.util.Map;

/**
 * {@code POST /realms/{realm}/fractal/kraken/webhook}: Kraken's {@code {id, status, note}} signed with a bare hex
 * HMAC-SHA256. Kraken webhooks carry no timestamp, so unless an admin turned it off the status is confirmed with
 * Kraken's API first and Kraken's answer is what gets applied; if Kraken cannot be asked the answer is 503 and
 * Fractal's retry comes back later. The user is the one whose {@code fractal_kraken_id} is the webhook's id.
 */
public final class KrakenWebhookEndpoint {
    private static final Logger LOG = Logger.getLogger(KrakenWebhookEndpoint.class);

    private final KeycloakSession session;

    public KrakenWebhookEndpoint(KeycloakSession session) {
        this.session = session;
    }

    public Response handle(String signature, byte[] body) {
        WebhookGate gate = WebhookGate.check(session, WebhookSignature.KRAKEN, KrakenSettings.WEBHOOK_SECRETS, signature, body);
        if (gate.refusal().isPresent()) {
            return gate.refusal().get();
        }
        KrakenWebhook webhook;
        try {
            webhook = KrakenWebhook.parse(body);
        } catch (MalformedWebhookException e) {
            return ApiErrors.error(Response.Status.BAD_REQUEST, "invalid_payload", e.getMessage());
        }
        RealmModel realm = session.getContext().getRealm();
        List<UserModel> users = session.users().searchForUserByUserAttributeStream(realm, KycAttributes.KRAKEN_ID, webhook.userId())
                .limit(2).toList();
        if (users.size() != 1) {
            return users.isEmpty()
                    ? ApiErrors.error(Response.Status.NOT_FOUND, "user_not_linked", "No user of this realm has that Kraken id yet; deliver again later.")
                    : ApiErrors.error(Response.Status.CONFLICT, "ambiguous_user", "Several users carry that Kraken id; an admin must resolve it.");
        }
        KrakenSettings settings = KrakenSettings.from(gate.signer().getConfig());
        KycStatus status = webhook.status();
        if (settings.confirmStatus()) {
            try {
                status = KrakenClient.api(session, settings).status(webhook.userId());
            } catch (KrakenException e) {
                LOG.warnf("Kraken webhook not applied, the status could not be confirmed: %s", e.getMessage());
                return ApiErrors.error(Response.Status.SERVICE_UNAVAILABLE, "kraken_unavailable",
                        "The status could not be confirmed with Kraken; deliver again later.");
            }
        }
        KycState state = settings.observed(status, status == webhook.status() ? webhook.note().orElse(null) : null, KycSource.KRAKEN_WEBHOOK);
        String result = FractalProviders.applier(session, realm, gate.signer()).apply(users.get(0), state).name().toLowerCase();
        return Response.ok(Map.of("result", result, "status", status.value()), MediaType.APPLICATION_JSON_TYPE).build();
    }
}
