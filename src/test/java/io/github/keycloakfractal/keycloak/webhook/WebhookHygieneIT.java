package io.github.keycloakfractal.keycloak.webhook;

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
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import static io.github.keycloakfractal.sandbox.WebhookSender.legacy;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * What Fractal sends per level and add-on, in any order and again: each level keeps its newest decision, other levels
 * stay, a repeated delivery is a duplicate, an old {@code email_changed} cannot come back, and decisions dated in the
 * future or not at all are refused.
 */
@ExtendWith(RealKeycloak.class)
class WebhookHygieneIT {
    private static final String SECRET = "whsec-hygiene-91b0";

    private final KeycloakServer keycloak;
    private final FractalSandbox sandbox;
    private final AdminApi admin;

    WebhookHygieneIT(KeycloakServer keycloak, FractalSandbox sandbox, AdminApi admin) {
        this.keycloak = keycloak;
        this.sandbox = sandbox;
        this.admin = admin;
    }

    @Test
    void eachLevelKeepsItsNewestDecisionAndARejectedUpgradeLeavesTheApprovedLevels() throws Exception {
        FractalRealm realm = realm("hyg-levels", Map.of());
        String uid = "lvl-" + System.nanoTime();
        String userId = realm.createLinkedUser("levels", uid);
        WebhookSender fractal = new WebhookSender(realm.webhookUrl(), SECRET);
        Instant t = Instant.now().minus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS);

        assertResult(fractal.deliver(legacy("verification_approved", uid, "liveness", t)), "changed");
        assertResult(fractal.deliver(legacy("verification_approved", uid, "basic", t)), "changed");
        assertThat(realm.realmRolesOfUser(userId, "fractal-")).containsExactlyInAnyOrder("fractal-kyc-approved", "fractal-level-basic",
                "fractal-level-liveness");

        assertResult(fractal.deliver(legacy("verification_rejected", uid, "plus", t.plusSeconds(60))), "changed");
        assertThat(realm.realmRolesOfUser(userId, "fractal-")).as("a rejected upgrade takes nothing away")
                .containsExactlyInAnyOrder("fractal-kyc-approved", "fractal-level-basic", "fractal-level-liveness");

        assertResult(fractal.deliver(legacy("verification_rejected", uid, "basic", t.minusSeconds(60))), "stale");
        assertResult(fractal.deliver(legacy("verification_approved", uid, "basic", t)), "duplicate");
        assertThat(attribute(realm, userId, "fractal_kyc_status")).isEqualTo("approved");
    }

    @Test
    void usersStoredByTheEarlierVersionKeepTheirRolesAndAreMigratedOnFirstTouch() throws Exception {
        FractalRealm realm = realm("hyg-migrate", Map.of());
        String uid = "old-" + System.nanoTime();
        String userId = realm.createLinkedUser("earlier", uid);
        Instant before = Instant.now().minus(2, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
        com.fasterxml.jackson.databind.node.ObjectNode user = (com.fasterxml.jackson.databind.node.ObjectNode) realm.user(userId);
        com.fasterxml.jackson.databind.node.ObjectNode attributes = user.withObjectProperty("attributes");
        attributes.set("fractal_kyc_status", AdminApi.JSON.valueToTree(List.of("approved")));
        attributes.set("fractal_kyc_levels", AdminApi.JSON.valueToTree(List.of("basic", "liveness")));
        attributes.set("fractal_kyc_updated_at", AdminApi.JSON.valueToTree(List.of(before.toString())));
        admin.put(realm.adminPath() + "/users/" + userId, user);

        assertResult(new WebhookSender(realm.webhookUrl(), SECRET).deliver(legacy("verification_approved", uid, "plus", before.plusSeconds(3600))),
                "changed");

        assertThat(realm.realmRolesOfUser(userId, "fractal-")).containsExactlyInAnyOrder("fractal-kyc-approved", "fractal-level-basic",
                "fractal-level-liveness", "fractal-level-plus");
        assertThat(values(realm, userId, "fractal_kyc_decisions")).containsExactlyInAnyOrder(
                "basic approved " + before + " migration", "liveness approved " + before + " migration",
                "plus approved " + before.plusSeconds(3600) + " webhook");
    }

    @Test
    void anOldEmailChangeCannotComeBackAndARetryIsADuplicate() throws Exception {
        FractalRealm realm = realm("hyg-email", Map.of());
        admin.put(realm.adminPath() + "/identity-provider/instances/" + FractalRealm.ALIAS,
                withTrustEmail(realm.identityProvider()));
        String uid = "mail-" + System.nanoTime();
        String userId = realm.createLinkedUser("mailer", uid);
        WebhookSender fractal = new WebhookSender(realm.webhookUrl(), SECRET);
        Instant older = Instant.now().minus(3, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
        Instant newer = older.plus(1, ChronoUnit.DAYS);

        byte[] current = emailChanged(uid, "new-address@example.org", newer);
        assertResult(fractal.deliver(current), "changed");
        assertResult(fractal.deliver(emailChanged(uid, "captured-old@example.org", older)), "stale");
        assertResult(fractal.deliver(current), "duplicate");

        JsonNode user = realm.user(userId);
        assertThat(user.path("email").asText()).isEqualTo("new-address@example.org");
        assertThat(user.path("emailVerified").asBoolean()).isTrue();
    }

    @Test
    void decisionsDatedInTheFutureOrNotAtAllAreRefusedUnlessUndatedOnesAreAccepted() throws Exception {
        FractalRealm realm = realm("hyg-dates", Map.of());
        String uid = "date-" + System.nanoTime();
        String userId = realm.createLinkedUser("dates", uid);
        WebhookSender fractal = new WebhookSender(realm.webhookUrl(), SECRET);

        assertRefused(fractal.deliver(legacy("verification_approved", uid, "basic", Instant.now().plus(10, ChronoUnit.MINUTES))));
        assertRefused(fractal.deliver(body("{\"type\":\"verification_approved\",\"data\":{\"user_id\":\"" + uid
                + "\",\"level\":\"basic\",\"timestamp\":\"+999999999-12-31T23:59:59Z\"}}")));
        byte[] undated = body("{\"type\":\"verification_approved\",\"data\":{\"user_id\":\"" + uid + "\",\"level\":\"basic\"}}");
        assertRefused(fractal.deliver(undated));
        assertThat(realm.user(userId).path("attributes").has("fractal_kyc_status")).as("nothing changed").isFalse();

        FractalRealm accepting = realm("hyg-undated", Map.of("webhookAcceptUndated", "true"));
        String acceptedUid = "undated-" + System.nanoTime();
        String acceptedId = accepting.createLinkedUser("undated", acceptedUid);
        assertResult(new WebhookSender(accepting.webhookUrl(), SECRET).deliver(
                body("{\"type\":\"verification_approved\",\"data\":{\"user_id\":\"" + acceptedUid + "\",\"level\":\"basic\"}}")), "changed");
        assertThat(attribute(accepting, acceptedId, "fractal_kyc_status")).isEqualTo("approved");
    }

    private FractalRealm realm(String prefix, Map<String, String> config) {
        FractalRealm.Builder builder = FractalRealm.builder(admin, keycloak, sandbox).userInfoShape("v2").webhookSecret(SECRET);
        config.forEach(builder::config);
        return builder.create(prefix);
    }

    private static JsonNode withTrustEmail(JsonNode provider) {
        ((com.fasterxml.jackson.databind.node.ObjectNode) provider).put("trustEmail", true);
        return provider;
    }

    private static byte[] emailChanged(String uid, String email, Instant at) {
        return body("{\"type\":\"email_changed\",\"data\":{\"user_id\":\"" + uid + "\",\"email\":\"" + email + "\",\"timestamp\":\"" + at + "\"}}");
    }

    private static byte[] body(String json) {
        return json.getBytes(StandardCharsets.UTF_8);
    }

    private static String attribute(FractalRealm realm, String userId, String name) {
        return realm.user(userId).path("attributes").path(name).get(0).asText();
    }

    private static List<String> values(FractalRealm realm, String userId, String name) {
        List<String> values = new java.util.ArrayList<>();
        realm.user(userId).path("attributes").path(name).forEach(value -> values.add(value.asText()));
        return values;
    }

    private static void assertResult(HttpResponse<String> answer, String result) throws Exception {
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        assertThat(AdminApi.JSON.readTree(answer.body()).path("result").asText()).as(answer.body()).isEqualTo(result);
    }

    private static void assertRefused(HttpResponse<String> answer) throws Exception {
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(400);
        assertThat(AdminApi.JSON.readTree(answer.body()).path("error").asText()).isEqualTo("invalid_payload");
    }
}
