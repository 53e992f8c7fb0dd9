package io.github.keycloakfractal.keycloak.metrics;

import io.github.keycloakfractal.sandbox.FractalSandbox;
import io.github.keycloakfractal.sandbox.SandboxCredentials;
import io.github.keycloakfractal.sandbox.WebhookSender;
import io.github.keycloakfractal.testkit.AdminApi;
import io.github.keycloakfractal.testkit.FractalRealm;
import io.github.keycloakfractal.testkit.KeycloakServer;
import io.github.keycloakfractal.testkit.MetricsScrape;
import io.github.keycloakfractal.testkit.RealKeycloak;
import io.github.keycloakfractal.testkit.Wallet;
import io.github.keycloakfractal.testkit.WalletHolder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.http.HttpResponse;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import static io.github.keycloakfractal.sandbox.WebhookSender.legacy;
import static io.github.keycloakfractal.testkit.WalletHolder.viaFractal;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * What an operator's Prometheus sees on the management port's {@code /metrics} of a real Keycloak (started with
 * {@code --metrics-enabled=true}) after webhooks, reconciliation runs and wallet binds: the meters and tags the
 * README's metrics table lists. Every test of the run shares the server, so each test reads how much a series grew
 * across its own actions.
 */
@ExtendWith(RealKeycloak.class)
class MetricsIT {
    private static final String SECRET = "whsec-metrics-52d1";

    private final KeycloakServer keycloak;
    private final FractalSandbox sandbox;
    private final AdminApi admin;

    MetricsIT(KeycloakServer keycloak, FractalSandbox sandbox, AdminApi admin) {
        this.keycloak = keycloak;
        this.sandbox = sandbox;
        this.admin = admin;
    }

    @Test
    void webhooksAreCountedByEndpointTypeOutcomeAndReasonAndTheirChangesBySource() throws Exception {
        FractalRealm realm = FractalRealm.builder(admin, keycloak, sandbox).userInfoShape("v2").webhookSecret(SECRET).create("mx-webhooks");
        String uid = sandbox.user("pete").uid();
        realm.createLinkedUser("pete", uid);
        WebhookSender fractal = new WebhookSender(realm.webhookUrl(), SECRET);
        byte[] approval = legacy("verification_approved", uid, "basic", Instant.now().truncatedTo(ChronoUnit.SECONDS));
        MetricsScrape before = MetricsScrape.of(keycloak);

        assertThat(fractal.deliver(approval).statusCode()).isEqualTo(200);
        assertThat(fractal.deliver(approval).statusCode()).as("the same delivery again").isEqualTo(200);
        assertThat(fractal.deliverSigned(approval, WebhookSender.legacySignature("not-the-secret", approval)).statusCode()).isEqualTo(401);
        assertThat(fractal.deliver("{not json".getBytes(java.nio.charset.StandardCharsets.UTF_8)).statusCode()).isEqualTo(400);

        MetricsScrape after = MetricsScrape.of(keycloak);
        String webhooks = "fractal_webhooks_total";
        assertThat(after.increase(before, webhooks, Map.of("endpoint", "legacy", "type", "verification_approved", "outcome", "applied",
                "reason", "none"))).as(after.series(webhooks).toString()).isEqualTo(1.0);
        assertThat(after.increase(before, webhooks, Map.of("endpoint", "legacy", "type", "verification_approved", "outcome", "duplicate",
                "reason", "none"))).isEqualTo(1.0);
        assertThat(after.increase(before, webhooks, Map.of("endpoint", "legacy", "outcome", "refused", "reason", "invalid_signature")))
                .isEqualTo(1.0);
        assertThat(after.increase(before, webhooks, Map.of("endpoint", "legacy", "outcome", "refused", "reason", "invalid_payload")))
                .isEqualTo(1.0);
        assertThat(after.increase(before, "fractal_kyc_changes_total", Map.of("source", "webhook", "status", "approved")))
                .as(after.series("fractal_kyc_changes_total").toString()).isEqualTo(1.0);
    }

    @Test
    void reconciliationRunsTheirDurationTheirUsersAndTheCallsToFractalAreMeasured() throws Exception {
        FractalRealm realm = FractalRealm.builder(admin, keycloak, sandbox).userInfoShape("v2").config("statsUrl", sandbox.statsUrl())
                .create("mx-reconcile");
        realm.createLinkedUser("alice", sandbox.user("alice").uid());
        MetricsScrape before = MetricsScrape.of(keycloak);

        HttpResponse<String> run = admin.send("POST", realm.adminPath() + "/fractal/reconcile", null);
        assertThat(run.statusCode()).as(run.body()).isEqualTo(200);
        sandbox.stats().setDown(true);
        HttpResponse<String> failed = admin.send("POST", realm.adminPath() + "/fractal/reconcile", null);
        assertThat(failed.statusCode()).as(failed.body()).isEqualTo(503);

        MetricsScrape after = MetricsScrape.of(keycloak);
        Map<String, String> completed = Map.of("trigger", "admin", "outcome", "completed");
        Map<String, String> notRun = Map.of("trigger", "admin", "outcome", "failed");
        assertThat(after.increase(before, "fractal_reconciliation_runs_total", completed))
                .as(after.series("fractal_reconciliation_runs_total").toString()).isEqualTo(1.0);
        assertThat(after.increase(before, "fractal_reconciliation_runs_total", notRun)).isEqualTo(1.0);
        assertThat(after.increase(before, "fractal_reconciliation_duration_seconds_count", completed)).isEqualTo(1.0);
        assertThat(after.increase(before, "fractal_reconciliation_duration_seconds_sum", completed)).as("time was spent").isPositive();
        assertThat(after.increase(before, "fractal_reconciliation_duration_seconds_count", notRun)).isEqualTo(1.0);
        // alice is linked; acme, pete and rita are listed at Fractal but unknown to the realm
        assertThat(after.increase(before, "fractal_reconciliation_users_total", Map.of("result", "checked"))).isEqualTo(1.0);
        assertThat(after.increase(before, "fractal_reconciliation_users_total", Map.of("result", "changed"))).isEqualTo(1.0);
        assertThat(after.increase(before, "fractal_reconciliation_users_total", Map.of("result", "unknown"))).isEqualTo(3.0);
        assertThat(after.increase(before, "fractal_reconciliation_users_total", Map.of("result", "failed"))).isZero();
        assertThat(after.increase(before, "fractal_kyc_changes_total", Map.of("source", "reconciliation", "status", "approved"))).isEqualTo(1.0);
        String outbound = "fractal_outbound_requests_seconds_count";
        assertThat(after.increase(before, outbound, Map.of("api", "token", "outcome", "ok")))
                .as(after.series(outbound).toString()).isEqualTo(1.0);
        assertThat(after.increase(before, outbound, Map.of("api", "statistics", "outcome", "ok"))).isEqualTo(1.0);
        assertThat(after.increase(before, outbound, Map.of("api", "statistics", "outcome", "http_5xx"))).isEqualTo(1.0);
        assertThat(after.increase(before, "fractal_outbound_requests_seconds_sum", Map.of("api", "statistics"))).isPositive();
    }

    @Test
    void walletBindsAreCountedByOutcomeAndReasonWithTheCredentialsApiCall() throws Exception {
        FractalRealm realm = FractalRealm.builder(admin, keycloak, sandbox).userInfoShape("v2")
                .config("credentialsUrl", sandbox.credentialsUrl())
                .config("credentialsSigner", SandboxCredentials.SIGNER_ADDRESS)
                .config("credentialLevel", "plus+liveness")
                .config("credentialResidencyBlocklist", "US")
                .config("credentialAppName", "Sandbox dApp")
                .create("mx-wallet");
        WalletHolder olga = WalletHolder.signUp(realm, "olga");
        Wallet wallet = Wallet.of(SandboxCredentials.SUBJECT_PRIVATE_KEY);
        String request = viaFractal(olga.challenge(), wallet, wallet);
        MetricsScrape before = MetricsScrape.of(keycloak);

        assertThat(olga.post(request).statusCode()).isEqualTo(200);
        HttpResponse<String> again = olga.post(request);
        assertThat(again.statusCode()).as(again.body()).isEqualTo(400);
        assertThat(AdminApi.JSON.readTree(again.body()).path("error").asText()).isEqualTo("invalid_challenge");

        MetricsScrape after = MetricsScrape.of(keycloak);
        assertThat(after.increase(before, "fractal_wallet_binds_total", Map.of("outcome", "bound", "reason", "none")))
                .as(after.series("fractal_wallet_binds_total").toString()).isEqualTo(1.0);
        assertThat(after.increase(before, "fractal_wallet_binds_total", Map.of("outcome", "refused", "reason", "invalid_challenge")))
                .isEqualTo(1.0);
        assertThat(after.increase(before, "fractal_outbound_requests_seconds_count", Map.of("api", "credentials", "outcome", "ok")))
                .as("the bound one asked Fractal, the refused one did not").isEqualTo(1.0);
        assertThat(after.increase(before, "fractal_kyc_changes_total", Map.of("source", "credential-proof", "status", "approved")))
                .as(after.series("fractal_kyc_changes_total").toString()).isEqualTo(1.0);
    }

    @Test
    void theMetersCarryNoUserRealmOrSecret() throws Exception {
        FractalRealm realm = FractalRealm.builder(admin, keycloak, sandbox).userInfoShape("v2").webhookSecret(SECRET).create("mx-labels");
        String uid = sandbox.user("alice").uid();
        realm.createLinkedUser("alice", uid);
        new WebhookSender(realm.webhookUrl(), SECRET).deliver(legacy("verification_approved", uid, "basic", Instant.now().truncatedTo(ChronoUnit.SECONDS)));

        MetricsScrape scrape = MetricsScrape.of(keycloak);
        for (String name : List.of("fractal_webhooks_total", "fractal_kyc_changes_total")) {
            assertThat(scrape.series(name)).isNotEmpty().allSatisfy(sample -> assertThat(sample.labels().values())
                    .noneMatch(value -> value.contains(uid) || value.contains(realm.name()) || value.contains(SECRET)));
        }
    }
}
