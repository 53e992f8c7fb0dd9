package io.github.keycloakfractal.keycloak.webhook;

import io.github.keycloakfractal.fractal.kraken.KrakenException;
import io.github.keycloakfractal.fractal.kraken.KrakenWebhook;
import io.github.keycloakfractal.fractal.kyc.KycSource;
import io.github.keycloakfractal.fractal.kyc.KycObservation;
import io.github.keycloakfractal.fractal.kyc.KycStatus;
import io.github.keycloakfractal.fractal.webhook.WebhookSignature;
import io.github.keycloakfractal.keycloak.http.ApiErrors;
import io.github.keycloakfractal.keycloak.kraken.KrakenClient;
import io.github.keycloakfractal.keycloak.kraken.KrakenProvider;
import io.github.keycloakfractal.keycloak.kyc.FractalProviders;
import io.github.keycloakfractal.keycloak.kyc.KycApplier;
import io.github.keycloakfractal.keycloak.kyc.KycAttributes;
import io.github.keycloakfractal.keycloak.settings.KrakenSettings;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;
import org.keycloak.models.IdentityProviderModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;

import java.util.List;
import java.util.Map;
import java.util.Optional;

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

    private static final WebhookOpening.Endpoint<KrakenWebhook> ENDPOINT = new WebhookOpening.Endpoint<>("kraken", WebhookSignature.KRAKEN,
            config -> KrakenSettings.from(config).webhookSecretReferences(), KrakenWebhook::parse, webhook -> "status");

    public Response handle(String signature, byte[] body) {
        return WebhookOpening.open(session, ENDPOINT, signature, body, (provider, webhook) -> deliver(provider, webhook, body));
    }

    private Response deliver(IdentityProviderModel provider, KrakenWebhook webhook, byte[] body) {
        RealmModel realm = session.getContext().getRealm();
        DeliveryDigests digests = new DeliveryDigests(session, realm, body);
        if (digests.seen()) {
            return WebhookAnswers.result("duplicate");
        }
        List<UserModel> users = session.users().searchForUserByUserAttributeStream(realm, KycAttributes.KRAKEN_ID, webhook.userId())
                .limit(2).toList();
        if (users.size() != 1) {
            return users.isEmpty()
                    ? ApiErrors.error(Response.Status.NOT_FOUND, "user_not_linked", "No user of this realm has that Kraken id yet; deliver again later.")
                    : ApiErrors.error(Response.Status.CONFLICT, "ambiguous_user", "Several users carry that Kraken id; an admin must resolve it.");
        }
        KrakenSettings settings = KrakenSettings.from(provider.getConfig());
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
        KycObservation observed = KrakenProvider.observed(settings, status, KycSource.KRAKEN_WEBHOOK);
        Optional<String> note = status == webhook.status() ? webhook.note() : Optional.empty();
        // the digest is remembered in the transaction that applies the change: kept exactly when the change is committed
        return WebhookAnswers.committed(session, users.get(0).getId(), (job, user) -> {
            KycApplier.Outcome outcome = FractalProviders.applier(job, job.getContext().getRealm(), provider)
                    .applyKraken(user, webhook.userId(), observed, note);
            digests.remember(job);
            return outcome;
        }, Map.of("status", status.value()));
    }
}
