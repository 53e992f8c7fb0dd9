package io.github.keycloakfractal.keycloak.kyc;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.keycloakfractal.sandbox.FractalSandbox;
import io.github.keycloakfractal.sandbox.WebhookSender;
import io.github.keycloakfractal.testkit.AdminApi;
import io.github.keycloakfractal.testkit.FractalRealm;
import io.github.keycloakfractal.testkit.KeycloakServer;
import io.github.keycloakfractal.testkit.RealKeycloak;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.http.HttpResponse;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static io.github.keycloakfractal.sandbox.WebhookSender.legacy;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Deliveries that arrive at once, through the real server: every apply for one user is serialized, so concurrent
 * decisions end on the newest decision per level with exactly one value per attribute, and a burst for many users of a
 * fresh realm loses none of the updates it acknowledged.
 */
@ExtendWith(RealKeycloak.class)
class KycConcurrencyIT {
    private static final String SECRET = "whsec-concurrency-3c1e";
    private static final List<String> STATUSES = List.of("verification_approved", "verification_rejected", "verification_contacted");

    private final KeycloakServer keycloak;
    private final FractalSandbox sandbox;
    private final AdminApi admin;

    KycConcurrencyIT(KeycloakServer keycloak, FractalSandbox sandbox, AdminApi admin) {
        this.keycloak = keycloak;
        this.sandbox = sandbox;
        this.admin = admin;
    }

    @Test
    void fortyConcurrentDecisionsForOneUserEndOnTheNewestDecisionOfEachLevel() throws Exception {
        FractalRealm realm = FractalRealm.builder(admin, keycloak, sandbox).webhookSecret(SECRET).create("conc-one");
        String uid = "conc-" + System.nanoTime();
        String userId = realm.createLinkedUser("concurrent", uid);
        Random random = new Random(20261130);
        Instant base = Instant.now().minus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS);
        List<byte[]> deliveries = new ArrayList<>();
        Map<String, String> newest = new HashMap<>();
        Map<String, Instant> newestAt = new HashMap<>();
        for (int i = 0; i < 40; i++) {
            String level = List.of("basic", "plus", "liveness").get(random.nextInt(3));
            String type = STATUSES.get(random.nextInt(STATUSES.size()));
            Instant at = base.plusSeconds(i * 7L);
            deliveries.add(legacy(type, uid, level, at));
            newest.put(level, type);
            newestAt.put(level, at);
        }
        java.util.Collections.shuffle(deliveries, random);

        List<Integer> statuses = sendAtOnce(new WebhookSender(realm.webhookUrl(), SECRET), deliveries);

        assertThat(statuses).as("every delivery answered, none with a server error").allMatch(status -> status == 200);
        JsonNode attributes = realm.user(userId).path("attributes");
        List<String> decisions = new ArrayList<>();
        attributes.path("fractal_kyc_decisions").forEach(value -> decisions.add(value.asText()));
        List<String> expected = new ArrayList<>();
        newest.forEach((level, type) -> expected.add(level + " " + type.substring("verification_".length()) + " " + newestAt.get(level) + " webhook"));
        assertThat(decisions).as("one value per level: the newest decision").containsExactlyInAnyOrderElementsOf(expected);
        assertThat(attributes.path("fractal_kyc_status")).hasSize(1);
        assertThat(attributes.path("fractal_kyc_updated_at")).hasSize(1);
        String expectedStatus = expectedStatus(newest);
        assertThat(attributes.path("fractal_kyc_status").get(0).asText()).isEqualTo(expectedStatus);
        Set<String> expectedRoles = new TreeSet<>(Set.of("fractal-kyc-" + expectedStatus));
        if (expectedStatus.equals("approved")) {
            newest.forEach((level, type) -> {
                if (type.equals("verification_approved")) {
                    expectedRoles.add("fractal-level-" + level);
                }
            });
        }
        assertThat(realm.realmRolesOfUser(userId, "fractal-")).containsExactlyInAnyOrderElementsOf(expectedRoles);
    }

    @Test
    void aFirstBurstForSixteenUsersOfAFreshRealmLosesNoAcknowledgedUpdate() throws Exception {
        FractalRealm realm = FractalRealm.builder(admin, keycloak, sandbox).webhookSecret(SECRET).create("conc-burst");
        Instant decided = Instant.now().minusSeconds(60).truncatedTo(ChronoUnit.SECONDS);
        List<String> users = new ArrayList<>();
        List<byte[]> deliveries = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            String uid = "burst-" + i + "-" + System.nanoTime();
            users.add(realm.createLinkedUser("burst" + i, uid));
            // selfie has no role yet in a fresh realm: sixteen deliveries create it at once
            deliveries.add(legacy("verification_approved", uid, "basic+selfie", decided));
        }

        List<Integer> statuses = sendAtOnce(new WebhookSender(realm.webhookUrl(), SECRET), deliveries);

        assertThat(statuses).allMatch(status -> status == 200);
        for (String userId : users) {
            assertThat(realm.realmRolesOfUser(userId, "fractal-")).as(userId)
                    .containsExactlyInAnyOrder("fractal-kyc-approved", "fractal-level-basic", "fractal-level-selfie");
            assertThat(realm.user(userId).path("attributes").path("fractal_kyc_status").get(0).asText()).isEqualTo("approved");
        }
    }

    /** The test's own reading of the rule: approved when a main level is approved, else the strongest main decision. */
    private static String expectedStatus(Map<String, String> newest) {
        List<String> main = new ArrayList<>();
        newest.forEach((level, type) -> {
            if (!level.equals("liveness")) {
                main.add(type.substring("verification_".length()));
            }
        });
        for (String status : List.of("approved", "rejected", "contacted")) {
            if (main.contains(status)) {
                return status;
            }
        }
        return newest.getOrDefault("liveness", "").equals("verification_approved") ? "pending" : newest.get("liveness").substring("verification_".length());
    }

    private static List<Integer> sendAtOnce(WebhookSender fractal, List<byte[]> deliveries) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(deliveries.size());
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<HttpResponse<String>>> answers = new ArrayList<>();
            for (byte[] delivery : deliveries) {
                Callable<HttpResponse<String>> send = () -> {
                    start.await();
                    return fractal.deliver(delivery);
                };
                answers.add(pool.submit(send));
            }
            start.countDown();
            List<Integer> statuses = new ArrayList<>();
            for (Future<HttpResponse<String>> answer : answers) {
                statuses.add(answer.get().statusCode());
            }
            return statuses;
        } finally {
            pool.shutdownNow();
        }
    }
}
