package io.github.keycloakfractal.keycloak.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.keycloakfractal.keycloak.cluster.WebhookStream.Delivery;
import io.github.keycloakfractal.keycloak.cluster.WebhookStream.Outcome;
import io.github.keycloakfractal.sandbox.FractalSandbox;
import io.github.keycloakfractal.sandbox.WebhookSender;
import io.github.keycloakfractal.testkit.AdminApi;
import io.github.keycloakfractal.testkit.FractalRealm;
import io.github.keycloakfractal.testkit.KeycloakCluster;
import io.github.keycloakfractal.testkit.PostgresServer;
import io.github.keycloakfractal.testkit.RealCluster;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;

import static io.github.keycloakfractal.sandbox.WebhookSender.legacy;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Webhooks while something breaks. Fractal retries every delivery that did not get a 2xx, so the promise to keep is:
 * a 2xx means the change is stored (none lost when a node dies), anything else means nothing was stored that a
 * retry could not finish, and retries succeed once the cluster is back.
 */
@ExtendWith(RealCluster.class)
class FaultsIT {
    private static final String SECRET = "whsec-faults-93c0";
    private static final List<String> APPROVED = List.of("fractal-kyc-approved", "fractal-level-basic");

    private final KeycloakCluster cluster;
    private final PostgresServer postgres;
    private final ClusterScenes scenes;

    FaultsIT(KeycloakCluster cluster, PostgresServer postgres, FractalSandbox sandbox) {
        this.cluster = cluster;
        this.postgres = postgres;
        this.scenes = new ClusterScenes(cluster, sandbox);
    }

    @Test
    void whenANodeIsKilledMidStreamEveryAcknowledgedWebhookIsKeptAndTheRestSucceedOnRetry() throws Exception {
        FractalRealm onA = scenes.realm("ft-kill", Map.of(), SECRET);
        FractalRealm onB = onA.via(cluster.b());
        Map<String, String> users = linkedUsers(onA, "kill", 40);
        List<Delivery> deliveries = approvals(users);
        WebhookSender toA = new WebhookSender(onA.webhookUrl(), SECRET);
        WebhookSender toB = new WebhookSender(onB.webhookUrl(), SECRET);

        // a load balancer's two halves of the stream, sent at the same time; node A dies after its tenth 2xx
        List<Outcome> outcomes = new CopyOnWriteArrayList<>();
        AtomicBoolean killed = new AtomicBoolean();
        CompletableFuture<Void> killing = new CompletableFuture<>();
        CompletableFuture<Void> viaA = CompletableFuture.runAsync(() -> {
            for (int i = 0; i < deliveries.size(); i += 2) {
                Outcome outcome = WebhookStream.deliver(deliveries.get(i), toA, "A");
                outcomes.add(outcome);
                if (WebhookStream.acknowledged(outcomes).stream().filter(o -> o.node().equals("A")).count() == 10
                        && killed.compareAndSet(false, true)) {
                    CompletableFuture.runAsync(() -> cluster.a().kill()).whenComplete((done, failure) -> killing.complete(null));
                }
            }
        });
        CompletableFuture<Void> viaB = CompletableFuture.runAsync(() -> {
            for (int i = 1; i < deliveries.size(); i += 2) {
                outcomes.add(WebhookStream.deliver(deliveries.get(i), toB, "B"));
            }
        });
        CompletableFuture.allOf(viaA, viaB).get();
        killing.get();
        cluster.awaitView(1);

        List<Outcome> acknowledged = WebhookStream.acknowledged(outcomes);
        List<Outcome> unacknowledged = WebhookStream.unacknowledged(outcomes);
        System.out.printf("kill -9 mid-stream: %d deliveries, %d acknowledged (A %d, B %d), %d not: %s%n", outcomes.size(),
                acknowledged.size(), acknowledged.stream().filter(o -> o.node().equals("A")).count(),
                acknowledged.stream().filter(o -> o.node().equals("B")).count(), unacknowledged.size(), unacknowledged);
        assertThat(unacknowledged).as("the kill hit the stream").isNotEmpty();
        assertThat(unacknowledged).as("a delivery the dead node did not finish gets no answer or a 5xx, never a 4xx")
                .allSatisfy(outcome -> assertThat(outcome.status() == 0 || outcome.status() >= 500).as(outcome.toString()).isTrue());
        List<String> lost = acknowledged.stream().map(o -> o.delivery().uid())
                .filter(uid -> !onB.realmRolesOfUser(users.get(uid), "fractal-").containsAll(APPROVED)).toList();
        assertThat(lost).as("acknowledged deliveries missing on node B (lost)").isEmpty();

        for (Outcome failed : unacknowledged) {
            Outcome retry = WebhookStream.deliver(failed.delivery(), toB, "B");
            assertThat(retry.acknowledged()).as(retry.toString()).isTrue();
        }
        cluster.a().restart();
        cluster.awaitView(2);
        // a retry of a write node A committed but could not acknowledge may be recorded a second time: state is checked, not events
        users.forEach((uid, id) -> assertApproved(onA, uid, id));
    }

    @Test
    void deliveriesWhilePostgresIsDownGet503JsonAndSucceedOnRetryWithNothingHalfApplied() throws Exception {
        FractalRealm onA = scenes.realm("ft-db", Map.of(), SECRET);
        FractalRealm onB = onA.via(cluster.b());
        Map<String, String> users = linkedUsers(onA, "db", 24);
        List<Delivery> deliveries = approvals(users);
        List<WebhookSender> nodes = List.of(new WebhookSender(onA.webhookUrl(), SECRET), new WebhookSender(onB.webhookUrl(), SECRET));

        List<Outcome> before = new ArrayList<>();
        List<Outcome> during = new ArrayList<>();
        List<Outcome> after = new ArrayList<>();
        for (int i = 0; i < deliveries.size(); i++) {
            if (i == 8) {
                postgres.stop();
            }
            if (i == 16) {
                postgres.restart();
            }
            Outcome outcome = WebhookStream.deliver(deliveries.get(i), nodes.get(i % 2), i % 2 == 0 ? "A" : "B");
            (i < 8 ? before : i < 16 ? during : after).add(outcome);
        }

        // every promise is checked and reported together: which of them hold says what the product still needs
        SoftAssertions softly = new SoftAssertions();
        softly.assertThat(before).as("before the outage").allSatisfy(outcome -> assertThat(outcome.acknowledged()).as(outcome.toString()).isTrue());
        softly.assertThat(during).as("while the database is down: 503 with a JSON error, so Fractal retries")
                .allSatisfy(FaultsIT::assertUnavailable);
        // right after the restart a node may still hold connections to the old server: those deliveries are refused too
        softly.assertThat(WebhookStream.unacknowledged(after)).as("refused after the restart").allSatisfy(FaultsIT::assertUnavailable);

        List<Outcome> pending = new ArrayList<>(WebhookStream.unacknowledged(Stream.concat(during.stream(), after.stream()).toList()));
        for (int round = 0; round < 5 && !pending.isEmpty(); round++) {
            Thread.sleep(round == 0 ? 0 : 2000);
            List<Outcome> retried = new ArrayList<>();
            for (Outcome failed : pending) {
                retried.add(WebhookStream.deliver(failed.delivery(), nodes.get(round % 2), round % 2 == 0 ? "A" : "B"));
            }
            pending = new ArrayList<>(WebhookStream.unacknowledged(retried));
            softly.assertThat(pending).as("refused retries, round " + (round + 1)).allSatisfy(FaultsIT::assertUnavailable);
        }
        softly.assertThat(pending).as("deliveries still refused after five rounds of retries").isEmpty();
        softly.check(() -> assertEveryUserApprovedOnce(onB, users));
        softly.assertAll();
    }

    private static void assertUnavailable(Outcome outcome) {
        assertThat(outcome.status()).as(outcome.toString()).isEqualTo(503);
        JsonNode body;
        try {
            body = AdminApi.JSON.readTree(outcome.body());
        } catch (Exception notJson) {
            throw new AssertionError("not a JSON error: " + outcome, notJson);
        }
        assertThat(body.path("error").asText()).as(outcome.toString()).isNotBlank();
    }

    /**
     * Each user holds the approved status and the basic level in roles and attributes alike, and exactly one KYC
     * change was recorded: a retry of something already applied changes nothing, and nothing was applied in part.
     */
    private static void assertEveryUserApprovedOnce(FractalRealm realm, Map<String, String> users) {
        users.forEach((uid, id) -> {
            assertApproved(realm, uid, id);
            assertThat(realm.kycChanges(uid)).as(uid).containsExactly("webhook:none->approved");
        });
    }

    /** Roles and attributes agree: approved, level basic. */
    private static void assertApproved(FractalRealm realm, String uid, String id) {
        assertThat(realm.realmRolesOfUser(id, "fractal-")).as(uid).containsExactlyInAnyOrderElementsOf(APPROVED);
        JsonNode attributes = realm.user(id).path("attributes");
        assertThat(attributes.path("fractal_kyc_status").path(0).asText()).as(uid).isEqualTo("approved");
        assertThat(attributes.path("fractal_kyc_levels").toString()).as(uid).contains("basic");
    }

    /** {@code count} users linked to new Fractal uids; Fractal uid -> Keycloak id, in order. */
    private Map<String, String> linkedUsers(FractalRealm realm, String prefix, int count) {
        Map<String, String> users = new LinkedHashMap<>();
        for (int i = 0; i < count; i++) {
            String uid = prefix + "-fractal-" + i;
            users.put(uid, scenes.linkedUser(realm, prefix + i, uid));
        }
        return users;
    }

    /** One approval of the basic level per user, all decided at the same whole second (Fractal's timestamps). */
    private static List<Delivery> approvals(Map<String, String> users) {
        Instant decided = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        return users.keySet().stream().map(uid -> new Delivery(uid, legacy("verification_approved", uid, "basic", decided))).toList();
    }
}
