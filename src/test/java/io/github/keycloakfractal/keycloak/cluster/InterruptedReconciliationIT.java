package io.github.keycloakfractal.keycloak.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.keycloakfractal.sandbox.FractalSandbox;
import io.github.keycloakfractal.sandbox.SandboxKraken;
import io.github.keycloakfractal.testkit.AdminApi;
import io.github.keycloakfractal.testkit.FractalRealm;
import io.github.keycloakfractal.testkit.HoldingProxy;
import io.github.keycloakfractal.testkit.KeycloakCluster;
import io.github.keycloakfractal.testkit.RealCluster;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A reconciliation interrupted half-way is completed by the next run. Node A's run is stopped where a crash would
 * hurt most: every chunk of Fractal's statistics is committed (those users are already corrected) and the run is
 * asking Kraken about the realm's pending Kraken users (held at a proxy in front of the sandbox's Kraken). Node A is
 * then killed with SIGKILL, and an admin starts the next run on node B: it must run (after a short grace at most:
 * the cluster has to notice the dead node), and end with every user in Fractal's state.
 */
@ExtendWith(RealCluster.class)
class InterruptedReconciliationIT {
    private static final int STATISTICS_USERS = 60;
    private static final int KRAKEN_USERS = 3;
    /** How long the next run may be refused because of the dead node's run. */
    private static final Duration DEAD_RUN_GRACE = Duration.ofSeconds(90);

    private final KeycloakCluster cluster;
    private final FractalSandbox sandbox;
    private final ClusterScenes scenes;

    InterruptedReconciliationIT(KeycloakCluster cluster, FractalSandbox sandbox) {
        this.cluster = cluster;
        this.sandbox = sandbox;
        this.scenes = new ClusterScenes(cluster, sandbox);
    }

    @Test
    void aRunKilledHalfWayOnOneNodeIsCompletedByTheNextRunOnTheOther() throws Exception {
        sandbox.stats().addSyntheticUsers(STATISTICS_USERS, "ir-", "basic", "approved");
        try (HoldingProxy kraken = HoldingProxy.to(sandbox.krakenUrl())) {
            FractalRealm onA = scenes.builder().vaultSecret("krakenapikey", SandboxKraken.API_KEY)
                    .config("statsUrl", sandbox.statsUrl())
                    .config("krakenClientId", SandboxKraken.CLIENT_ID)
                    .config("krakenUrl", kraken.url())
                    .config("krakenApiKey", "${vault.krakenapikey}")
                    .create("ir-kill");
            FractalRealm onB = onA.via(cluster.b());
            Map<String, String> statisticsUsers = new LinkedHashMap<>();
            for (int i = 0; i < STATISTICS_USERS; i++) {
                statisticsUsers.put("ir-" + i, scenes.linkedUser(onA, "stats" + i, "ir-" + i));
            }
            List<String> krakenUsers = new ArrayList<>();
            for (int i = 0; i < KRAKEN_USERS; i++) {
                krakenUsers.add(pendingKrakenUser(onA, "kraken" + i, sandbox.kraken().addUser("approved")));
            }
            String manager = scenes.manager(onA);

            kraken.hold();
            CompletableFuture<HttpResponse<String>> interrupted = CompletableFuture.supplyAsync(() -> scenes.reconcile(onA, manager));
            kraken.awaitHeld(1);
            statisticsUsers.forEach((uid, id) -> assertThat(onB.realmRolesOfUser(id, "fractal-kyc-")).as("%s before the kill", uid)
                    .containsExactly("fractal-kyc-approved"));
            krakenUsers.forEach(id -> assertThat(onB.realmRolesOfUser(id, "fractal-")).as("Kraken user before the kill")
                    .doesNotContain("fractal-kyc-approved"));
            cluster.a().kill();
            kraken.release();
            cluster.awaitView(1);
            assertThatThrownBy(interrupted::join).as("node A never answered").isInstanceOf(java.util.concurrent.CompletionException.class);

            HttpResponse<String> next = nextRun(onB, manager);

            assertThat(next.statusCode()).as("the next run, on node B: %s", next.body()).isEqualTo(200);
            JsonNode run = AdminApi.JSON.readTree(next.body()).path("runs").get(0);
            assertThat(run.path("outcome").asText()).isEqualTo("completed");
            assertThat(run.path("kraken_checked").asInt()).isEqualTo(KRAKEN_USERS);
            statisticsUsers.forEach((uid, id) -> assertThat(onB.realmRolesOfUser(id, "fractal-")).as(uid)
                    .containsExactlyInAnyOrder("fractal-kyc-approved", "fractal-level-basic"));
            krakenUsers.forEach(id -> assertThat(onB.realmRolesOfUser(id, "fractal-")).as("Kraken user %s", id)
                    .containsExactlyInAnyOrder("fractal-kyc-approved", "fractal-level-basic", "fractal-level-liveness"));
        }
    }

    /**
     * Starts a run on {@code node}, again while it answers that a run is under way (the dead node's, which is not),
     * for at most {@link #DEAD_RUN_GRACE}: a cluster needs a moment to learn that a node is gone, not an hour.
     * Prints how long the dead node's run blocked the next one.
     */
    private HttpResponse<String> nextRun(FractalRealm node, String manager) throws Exception {
        Instant started = Instant.now();
        Instant deadline = started.plus(DEAD_RUN_GRACE);
        int refused = 0;
        HttpResponse<String> answer = scenes.reconcile(node, manager);
        while (answer.statusCode() == 409 && answer.body().contains("reconciliation_running") && Instant.now().isBefore(deadline)) {
            refused++;
            Thread.sleep(2000);
            answer = scenes.reconcile(node, manager);
        }
        System.out.printf("next run after the kill: HTTP %d after %d s (%d answered 409 reconciliation_running before)%n",
                answer.statusCode(), Duration.between(started, Instant.now()).toSeconds(), refused);
        return answer;
    }

    /** A user whose Kraken journey ended pending (Kraken id and status stored); Kraken has approved them since. */
    private String pendingKrakenUser(FractalRealm realm, String username, String krakenId) {
        String id = realm.createLocalUser(username, ClusterScenes.PASSWORD);
        AdminApi admin = new AdminApi(cluster.a());
        ObjectNode user = (ObjectNode) realm.user(id);
        ObjectNode attributes = user.has("attributes") ? (ObjectNode) user.get("attributes") : user.putObject("attributes");
        attributes.putArray("fractal_kraken_id").add(krakenId);
        attributes.putArray("fractal_kyc_status").add("pending");
        admin.put(realm.adminPath() + "/users/" + id, user);
        return id;
    }
}
