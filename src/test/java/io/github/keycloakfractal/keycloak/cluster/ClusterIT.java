package io.github.keycloakfractal.keycloak.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.keycloakfractal.sandbox.FractalSandbox;
import io.github.keycloakfractal.sandbox.OffsetClock;
import io.github.keycloakfractal.sandbox.SandboxCredentials;
import io.github.keycloakfractal.sandbox.WebhookSender;
import io.github.keycloakfractal.testkit.AdminApi;
import io.github.keycloakfractal.testkit.FractalRealm;
import io.github.keycloakfractal.testkit.HoldingProxy;
import io.github.keycloakfractal.testkit.KeycloakCluster;
import io.github.keycloakfractal.testkit.RealCluster;
import io.github.keycloakfractal.testkit.TestApp;
import io.github.keycloakfractal.testkit.UserTokens;
import io.github.keycloakfractal.testkit.Wallet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import static io.github.keycloakfractal.sandbox.WebhookSender.legacy;
import static io.github.keycloakfractal.testkit.JsonErrors.assertRefused;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two production Keycloak nodes on one PostgreSQL behave as one server: what one node applies, the other serves at
 * once; single-use things stay single-use across nodes; scheduled work runs once per interval for the cluster, not
 * once per node; two admins asking both nodes at once get one reconciliation. The scheduled-work tests wait through
 * real intervals (about 1.5 minutes together).
 */
@ExtendWith(RealCluster.class)
class ClusterIT {
    private static final String SECRET = "whsec-cluster-5d1e";

    private final KeycloakCluster cluster;
    private final FractalSandbox sandbox;
    private final OffsetClock sandboxClock;
    private final ClusterScenes scenes;
    private final List<FractalRealm> realms = new ArrayList<>();

    ClusterIT(KeycloakCluster cluster, FractalSandbox sandbox, OffsetClock sandboxClock) {
        this.cluster = cluster;
        this.sandbox = sandbox;
        this.sandboxClock = sandboxClock;
        this.scenes = new ClusterScenes(cluster, sandbox);
    }

    /** A realm left behind would keep its schedule running into the next test's counts. */
    @AfterEach
    void deleteRealms() {
        realms.forEach(realm -> new AdminApi(cluster.a()).delete(realm.adminPath()));
    }

    @Test
    void aWebhookAppliedOnNodeAIsInATokenRefreshedOnNodeBRightAfter() throws Exception {
        FractalRealm onA = keep(scenes.realm("cl-webhook", Map.of(), SECRET));
        FractalRealm onB = onA.via(cluster.b());
        String uid = sandbox.user("pete").uid();
        scenes.linkedUser(onA, "pete", uid);
        TestApp appOnB = new TestApp(onB);
        UserTokens tokens = appOnB.passwordTokens("pete", ClusterScenes.PASSWORD);
        assertThat(tokens.realmRoles("fractal-")).isEmpty();

        WebhookSender toA = new WebhookSender(onA.webhookUrl(), SECRET);
        Instant decided = Instant.now().plusSeconds(1).truncatedTo(ChronoUnit.SECONDS);
        assertThat(toA.deliver(legacy("verification_approved", uid, "basic", decided)).statusCode()).isEqualTo(200);
        tokens = appOnB.refresh(tokens);
        assertThat(tokens.realmRoles("fractal-")).containsExactlyInAnyOrder("fractal-kyc-approved", "fractal-level-basic");

        // node B has the user cached now; the next change on A must reach it too
        assertThat(toA.deliver(legacy("verification_approved", uid, "liveness", decided.plusSeconds(1))).statusCode()).isEqualTo(200);
        assertThat(appOnB.refresh(tokens).realmRoles("fractal-"))
                .containsExactlyInAnyOrder("fractal-kyc-approved", "fractal-level-basic", "fractal-level-liveness");
    }

    @Test
    void aWalletChallengeIssuedOnNodeAIsUsableOnceOnNodeBAndRefusedWhenReplayedOnNodeA() throws Exception {
        FractalRealm onA = keep(scenes.walletRealm("cl-wallet", "plus+liveness"));
        FractalRealm onB = onA.via(cluster.b());
        String carl = onA.createLocalUser("carl", ClusterScenes.PASSWORD);
        String token = new TestApp(onA).passwordTokens("carl", ClusterScenes.PASSWORD).accessToken();
        Wallet wallet = Wallet.of(SandboxCredentials.SUBJECT_PRIVATE_KEY);

        String body = ClusterScenes.signedBinding(scenes.challenge(onA, token), wallet);
        HttpResponse<String> bound = scenes.bind(onB, token, body);

        assertThat(bound.statusCode()).as(bound.body()).isEqualTo(200);
        assertRefused(scenes.bind(onA, token, body), 400, "invalid_challenge");
        assertRefused(scenes.bind(onB, token, body), 400, "invalid_challenge");
        assertThat(onB.realmRolesOfUser(carl, "fractal-wallet")).containsExactly("fractal-wallet-verified");
    }

    @Test
    void aKrakenJourneyStartedOnNodeAFinishesOnNodeB() throws Exception {
        FractalRealm onA = keep(scenes.krakenRealm("cl-kraken"));
        FractalRealm onB = onA.via(cluster.b());
        String olga = onA.createLocalUser("olga", ClusterScenes.PASSWORD);
        // Kraken sends the browser back to node B: the journey's return, token exchange and decision happen there
        sandbox.kraken().registerRedirectUrl(onB.url() + "/fractal/kraken/return");

        UserTokens after = scenes.krakenJourney(onA, "olga");

        String returnPath = "/realms/" + onA.name() + "/fractal/kraken/return";
        assertThat(cluster.b().logLinesContaining(returnPath)).as("node B served the return").isPositive();
        assertThat(cluster.a().logLinesContaining(returnPath)).as("node A did not").isZero();
        assertThat(after.realmRoles("fractal-")).containsExactlyInAnyOrder("fractal-kyc-approved", "fractal-level-basic",
                "fractal-level-liveness");
        assertThat(sandbox.kraken().journeyLog()).last().isEqualTo("token");
        assertThat(onB.user(olga).path("attributes").path("fractal_kraken_id").path(0).asText()).isNotBlank();
        assertThat(new TestApp(onB).passwordTokens("olga", ClusterScenes.PASSWORD).realmRoles("fractal-kyc-"))
                .containsExactly("fractal-kyc-approved");
    }

    @Test
    void concurrentReconciliationsOnBothNodesRunOnce() throws Exception {
        try (HoldingProxy statistics = HoldingProxy.to(sandbox.statsUrl())) {
            FractalRealm onA = keep(scenes.statsRealm("cl-concurrent", statistics.url()));
            FractalRealm onB = onA.via(cluster.b());
            String alice = onA.createLinkedUser("alice", sandbox.user("alice").uid());
            String manager = scenes.manager(onA);

            statistics.hold();
            CompletableFuture<HttpResponse<String>> onNodeA = CompletableFuture.supplyAsync(() -> scenes.reconcile(onA, manager));
            statistics.awaitHeld(1);
            HttpResponse<String> onNodeB = scenes.reconcile(onB, manager);
            statistics.release();
            HttpResponse<String> first = onNodeA.get();

            assertRefused(onNodeB, 409, "reconciliation_running");
            assertThat(first.statusCode()).as(first.body()).isEqualTo(200);
            JsonNode run = AdminApi.JSON.readTree(first.body()).path("runs").get(0);
            assertThat(run.path("outcome").asText()).isEqualTo("completed");
            assertThat(run.path("changed").asInt()).isEqualTo(1);
            assertThat(statistics.requestCount()).as("Fractal's statistics were fetched by one run").isEqualTo(sandbox.stats().requestCount());
            assertThat(onB.kycChanges(sandbox.user("alice").uid())).containsExactly("reconciliation:none->approved");
            assertThat(onB.realmRolesOfUser(alice, "fractal-kyc-")).containsExactly("fractal-kyc-approved");

            HttpResponse<String> afterwards = scenes.reconcile(onB, manager);
            assertThat(afterwards.statusCode()).as("the lock went with the run").isEqualTo(200);
        }
    }

    @Test
    void theScheduledReconciliationRunsOncePerIntervalAcrossBothNodes() throws Exception {
        FractalRealm onA = keep(scenes.statsRealm("cl-schedule", sandbox.statsUrl()));
        FractalRealm onB = onA.via(cluster.b());
        String alice = onA.createLinkedUser("alice", sandbox.user("alice").uid());
        String manager = scenes.manager(onA);
        ObjectNode provider = (ObjectNode) onA.identityProvider();
        ((ObjectNode) provider.path("config")).put("reconcileIntervalMinutes", "1");
        new AdminApi(cluster.a()).put(onA.adminPath() + "/identity-provider/instances/" + FractalRealm.ALIAS, provider);

        JsonNode first = scenes.awaitScheduledRun(onB, manager, null, Duration.ofSeconds(30));
        int perRun = sandbox.stats().requestCount();
        assertThat(perRun).isPositive();
        assertThat(onA.realmRolesOfUser(alice, "fractal-kyc-")).containsExactly("fractal-kyc-approved");
        Instant started = Instant.parse(first.path("started_at").asText());
        List<Long> ticks = scenes.taskRuns("ReconcileSchedule");

        sandbox.user("alice").reject();
        Thread.sleep(Math.max(0, Duration.between(Instant.now(), started.plusSeconds(50)).toMillis()));
        assertThat(sandbox.stats().requestCount()).as("no second run within the interval").isEqualTo(perRun);
        List<Long> ticksSince = scenes.taskRuns("ReconcileSchedule");
        assertThat(ticksSince.get(0)).as("node A kept looking for due work").isGreaterThan(ticks.get(0));
        assertThat(ticksSince.get(1)).as("node B kept looking for due work").isGreaterThan(ticks.get(1));

        JsonNode second = scenes.awaitScheduledRun(onB, manager, first.path("started_at").asText(), Duration.ofSeconds(40));
        assertThat(second.path("changed").asInt()).isEqualTo(1);
        assertThat(sandbox.stats().requestCount()).as("exactly one more run").isEqualTo(2 * perRun);
        assertThat(onB.kycChanges(sandbox.user("alice").uid()))
                .containsExactly("reconciliation:none->approved", "reconciliation:approved->rejected");
    }

    @Test
    void theWalletSweepRunsOncePerIntervalAcrossBothNodes() throws Exception {
        FractalRealm onA = keep(scenes.walletRealm("cl-sweep", "basic"));
        List<String> users = new ArrayList<>();
        Instant firstExpiry = Instant.now().plusSeconds(25).truncatedTo(ChronoUnit.SECONDS);
        int wallets = 8;
        for (int i = 0; i < wallets; i++) {
            // half the wallets are bound through each node; they expire one every 1.5 s
            FractalRealm node = i % 2 == 0 ? onA : onA.via(cluster.b());
            users.add(scenes.bindExpiringWallet(node, "wallet" + i, firstExpiry.plusMillis(1500L * i), sandboxClock));
        }
        List<Long> ticks = scenes.taskRuns("WalletExpirySweep");

        List<Long> expiries = scenes.awaitWalletExpiries(onA, users,
                firstExpiry.plusMillis(1500L * wallets).plusSeconds(3L * RealCluster.WALLET_SWEEP_SECONDS + 10));

        List<List<Long>> sweeps = ClusterScenes.sweeps(expiries);
        assertThat(sweeps).as("the expiries spanned several intervals").hasSizeGreaterThan(1);
        for (int i = 1; i < sweeps.size(); i++) {
            assertThat(sweeps.get(i).get(0) - sweeps.get(i - 1).get(0)).as("no two sweeps within one interval: %s", sweeps)
                    .isGreaterThanOrEqualTo((RealCluster.WALLET_SWEEP_SECONDS - 1) * 1000L);
        }
        List<Long> now = scenes.taskRuns("WalletExpirySweep");
        assertThat(now.get(0)).as("node A ran its sweep timer").isGreaterThan(ticks.get(0));
        assertThat(now.get(1)).as("node B ran its sweep timer").isGreaterThan(ticks.get(1));
    }

    private FractalRealm keep(FractalRealm realm) {
        realms.add(realm);
        return realm;
    }
}
