package io.github.keycloakfractal.keycloak.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.keycloakfractal.sandbox.FractalSandbox;
import io.github.keycloakfractal.sandbox.WebhookSender;
import io.github.keycloakfractal.testkit.AdminApi;
import io.github.keycloakfractal.testkit.FractalRealm;
import io.github.keycloakfractal.testkit.FractalSignIn;
import io.github.keycloakfractal.testkit.KeycloakServer;
import io.github.keycloakfractal.testkit.RealKeycloak;
import io.github.keycloakfractal.testkit.TestApp;
import io.github.keycloakfractal.testkit.UserTokens;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

import static io.github.keycloakfractal.sandbox.WebhookSender.legacy;
import static org.assertj.core.api.Assertions.assertThat;

/** Fractal ID's legacy webhooks moving KYC roles, and every way a delivery can be wrong. */
@ExtendWith(RealKeycloak.class)
class LegacyWebhookIT {
    private static final String SECRET = "whsec-legacy-7f3a";

    private final KeycloakServer keycloak;
    private final FractalSandbox sandbox;
    private final AdminApi admin;

    LegacyWebhookIT(KeycloakServer keycloak, FractalSandbox sandbox, AdminApi admin) {
        this.keycloak = keycloak;
        this.sandbox = sandbox;
        this.admin = admin;
    }

    @Test
    void aSignedApprovalMovesTheRolesInTheUsersNextToken() throws Exception {
        FractalRealm realm = realm("wh-approve");
        UserTokens pending = FractalSignIn.signInAndGetTokens(realm, "pete");
        assertThat(pending.realmRoles("fractal-")).containsExactly("fractal-kyc-pending");

        Instant decided = afterTheLogin();
        WebhookSender fractal = new WebhookSender(realm.webhookUrl(), SECRET);
        String uid = sandbox.user("pete").uid();
        assertOk(fractal.deliver(legacy("verification_approved", uid, "basic", decided)), "changed");
        assertOk(fractal.deliver(legacy("verification_approved", uid, "liveness", decided)), "changed");

        UserTokens fresh = new TestApp(realm).refresh(pending);
        assertThat(fresh.realmRoles("fractal-")).containsExactlyInAnyOrder("fractal-kyc-approved", "fractal-level-basic", "fractal-level-liveness");
    }

    @Test
    void duplicatedAndShuffledDeliveriesEndInFractalsStateAndRedeliveriesChangeNothing() throws Exception {
        FractalRealm realm = realm("wh-shuffle");
        FractalSignIn.signInAndGetTokens(realm, "pete");
        String uid = sandbox.user("pete").uid();
        Instant contacted = afterTheLogin();
        Instant approved = contacted.plusSeconds(30);
        WebhookSender fractal = new WebhookSender(realm.webhookUrl(), SECRET);

        List<byte[]> deliveries = List.of(
                legacy("verification_approved", uid, "liveness", approved),
                legacy("verification_contacted", uid, "plus", contacted),
                legacy("verification_approved", uid, "plus", approved),
                legacy("verification_approved", uid, "liveness", approved),
                legacy("verification_contacted", uid, "plus", contacted));
        for (byte[] delivery : deliveries) {
            assertThat(fractal.deliver(delivery).statusCode()).isEqualTo(200);
        }

        assertThat(realm.realmRoles(uid, "fractal-")).containsExactlyInAnyOrder("fractal-kyc-approved", "fractal-level-plus", "fractal-level-liveness");
        List<String> changes = realm.kycChanges(uid);
        List<byte[]> again = new java.util.ArrayList<>(deliveries);
        java.util.Collections.reverse(again);
        for (byte[] delivery : again) {
            String result = AdminApi.JSON.readTree(fractal.deliver(delivery).body()).path("result").asText();
            assertThat(result).as("delivered again in another order").isIn("duplicate", "stale");
        }
        assertThat(realm.kycChanges(uid)).as("redeliveries change nothing").isEqualTo(changes);
        assertThat(realm.realmRoles(uid, "fractal-")).containsExactlyInAnyOrder("fractal-kyc-approved", "fractal-level-plus", "fractal-level-liveness");
    }

    @Test
    void anOlderObservationThanTheLastLoginChangesNothing() throws Exception {
        FractalRealm realm = realm("wh-stale");
        Instant beforeLogin = Instant.now().minusSeconds(3600).truncatedTo(ChronoUnit.SECONDS);
        sandbox.user("pete").approve();
        FractalSignIn.signInAndGetTokens(realm, "pete");
        Set<String> before = realm.realmRoles(sandbox.user("pete").uid(), "fractal-");
        String updatedAt = attribute(realm, "pete", "fractal_kyc_updated_at");

        HttpResponse<String> stale = new WebhookSender(realm.webhookUrl(), SECRET)
                .deliver(legacy("verification_rejected", sandbox.user("pete").uid(), "basic", beforeLogin));

        assertOk(stale, "stale");
        assertThat(realm.realmRoles(sandbox.user("pete").uid(), "fractal-")).isEqualTo(before).contains("fractal-kyc-approved");
        assertThat(attribute(realm, "pete", "fractal_kyc_updated_at")).isEqualTo(updatedAt);
        assertThat(realm.kycChanges(sandbox.user("pete").uid())).containsExactly("broker-login:none->approved");
    }

    @Test
    void aWebhookForANotYetLinkedUserIsRefusedUntilTheUserLinks() throws Exception {
        FractalRealm realm = FractalRealm.builder(admin, keycloak, sandbox).webhookSecret(SECRET)
                .config("defaultScope", "uid:read email:read person.full_name:read").create("wh-link");
        WebhookSender fractal = new WebhookSender(realm.webhookUrl(), SECRET);
        byte[] approval = legacy("verification_approved", sandbox.user("alice").uid(), "basic", Instant.now().truncatedTo(ChronoUnit.SECONDS));

        HttpResponse<String> early = fractal.deliver(approval);
        assertThat(early.statusCode()).isEqualTo(404);
        assertThat(error(early)).isEqualTo("user_not_linked");

        UserTokens linked = FractalSignIn.signInAndGetTokens(realm, "alice");
        assertThat(linked.realmRoles("fractal-kyc-")).as("these scopes carry no KYC state").isEmpty();

        assertOk(fractal.deliver(approval), "changed");
        assertThat(new TestApp(realm).refresh(linked).realmRoles("fractal-")).contains("fractal-kyc-approved", "fractal-level-basic");
    }

    @Test
    void badSignaturesAre401AndChangeNothing() throws Exception {
        FractalRealm realm = realm("wh-signature");
        FractalSignIn.signInAndGetTokens(realm, "pete");
        byte[] body = legacy("verification_approved", sandbox.user("pete").uid(), "basic", Instant.now());
        String valid = WebhookSender.legacySignature(SECRET, body);
        byte[] altered = new String(body, StandardCharsets.UTF_8).replace("\"basic\"", "\"plus\"").getBytes(StandardCharsets.UTF_8);
        WebhookSender fractal = new WebhookSender(realm.webhookUrl(), SECRET);

        List<HttpResponse<String>> answers = List.of(
                fractal.deliverSigned(body, null),
                fractal.deliverSigned(body, WebhookSender.legacySignature("wrong-secret", body)),
                fractal.deliverSigned(body, valid.substring(0, valid.length() - 2)),
                fractal.deliverSigned(body, valid.substring(0, valid.length() - 1) + (valid.endsWith("0") ? "1" : "0")),
                fractal.deliverSigned(body, valid.replace("sha1=", "sha256=")),
                fractal.deliverSigned(altered, valid));
        for (HttpResponse<String> answer : answers) {
            assertThat(answer.statusCode()).as(answer.body()).isEqualTo(401);
            assertThat(error(answer)).isEqualTo("invalid_signature");
        }
        assertThat(realm.realmRoles(sandbox.user("pete").uid(), "fractal-")).containsExactly("fractal-kyc-pending");
        assertThat(realm.kycChanges(sandbox.user("pete").uid())).containsExactly("broker-login:none->pending");
    }

    /** The gate tries the provider aliased {@code fractal} first (cached); every other Fractal provider of the realm still signs. */
    @Test
    void everyEnabledFractalProviderSignsWithItsOwnSecretAndADisabledOneSignsNothing() throws Exception {
        FractalRealm realm = realm("wh-providers");
        FractalSignIn.signInAndGetTokens(realm, "pete");
        String uid = sandbox.user("pete").uid();
        java.nio.file.Files.writeString(KeycloakServer.vaultDirectory().resolve(realm.name() + "_secondwebhook"), "whsec-second-9c1d");
        com.fasterxml.jackson.databind.node.ObjectNode second = realm.identityProvider().deepCopy();
        second.remove("internalId");
        second.put("alias", "fractal-second");
        ((com.fasterxml.jackson.databind.node.ObjectNode) second.path("config")).put("webhookSecrets", "${vault.secondwebhook}");
        admin.post(realm.adminPath() + "/identity-provider/instances", second);

        byte[] body = legacy("verification_approved", uid, "basic", afterTheLogin());
        HttpResponse<String> bySecond = new WebhookSender(realm.webhookUrl(), "whsec-second-9c1d").deliverSigned(body,
                WebhookSender.legacySignature("whsec-second-9c1d", body));
        // signed by the second provider, so looked up through its link, which pete does not have
        assertThat(bySecond.statusCode()).as(bySecond.body()).isEqualTo(404);
        assertThat(error(bySecond)).isEqualTo("user_not_linked");
        assertOk(new WebhookSender(realm.webhookUrl(), SECRET).deliver(body), "changed");

        com.fasterxml.jackson.databind.node.ObjectNode disabled = realm.identityProvider().deepCopy();
        disabled.put("enabled", false);
        admin.put(realm.adminPath() + "/identity-provider/instances/" + FractalRealm.ALIAS, disabled);
        byte[] later = legacy("verification_rejected", uid, "basic", afterTheLogin().plusSeconds(1));
        HttpResponse<String> byDisabled = new WebhookSender(realm.webhookUrl(), SECRET).deliver(later);
        assertThat(byDisabled.statusCode()).as(byDisabled.body()).isEqualTo(401);
        assertThat(error(byDisabled)).isEqualTo("invalid_signature");
        assertThat(realm.realmRoles(uid, "fractal-")).containsExactlyInAnyOrder("fractal-kyc-approved", "fractal-level-basic");
    }

    @Test
    void malformedUnknownAndOversizedBodiesGetTheirJsonErrors() throws Exception {
        FractalRealm realm = realm("wh-malformed");
        FractalSignIn.signInAndGetTokens(realm, "pete");
        String uid = sandbox.user("pete").uid();
        WebhookSender fractal = new WebhookSender(realm.webhookUrl(), SECRET);
        byte[] oversized = new byte[64 * 1024 + 1];
        Arrays.fill(oversized, (byte) ' ');

        record Case(byte[] body, int status, String error) {
        }
        List<Case> cases = List.of(
                new Case("{not json".getBytes(StandardCharsets.UTF_8), 400, "invalid_payload"),
                new Case("[]".getBytes(StandardCharsets.UTF_8), 400, "invalid_payload"),
                new Case(("{\"type\":\"verification_paused\",\"data\":{\"level\":\"plus\",\"user_id\":\"" + uid + "\"}}").getBytes(StandardCharsets.UTF_8), 400, "invalid_payload"),
                new Case(legacy("verification_approved", uid, "diamond", Instant.now()), 400, "invalid_payload"),
                new Case(("{\"type\":\"verification_approved\",\"data\":{\"level\":\"plus\",\"user_id\":\"" + uid + "\",\"timestamp\":\"soon\"}}").getBytes(StandardCharsets.UTF_8), 400, "invalid_payload"),
                new Case(oversized, 413, "payload_too_large"));
        for (Case c : cases) {
            HttpResponse<String> answer = fractal.deliver(c.body());
            assertThat(answer.statusCode()).as(answer.body()).isEqualTo(c.status());
            assertThat(answer.headers().firstValue("Content-Type").orElse("")).startsWith("application/json");
            assertThat(error(answer)).isEqualTo(c.error());
        }
        assertOk(fractal.deliver(("{\"type\":\"authorization_revoked\",\"data\":{\"user_id\":\"" + uid + "\"}}").getBytes(StandardCharsets.UTF_8)), "acknowledged");
        assertThat(realm.realmRoles(sandbox.user("pete").uid(), "fractal-")).containsExactly("fractal-kyc-pending");
    }

    @Test
    void emailChangesApplyOnlyWhenTheProviderTrustsEmailsAndNeverTakeAnotherUsersAddress() throws Exception {
        FractalRealm trusting = realm("wh-email");
        FractalSignIn.signInAndGetTokens(trusting, "pete");
        FractalSignIn.signInAndGetTokens(trusting, "alice");
        WebhookSender fractal = new WebhookSender(trusting.webhookUrl(), SECRET);
        String pete = sandbox.user("pete").uid();

        HttpResponse<String> taken = fractal.deliver(emailChanged(pete, "alice@example.com"));
        assertThat(taken.statusCode()).as(taken.body()).isEqualTo(409);
        assertThat(error(taken)).isEqualTo("email_in_use");
        assertOk(fractal.deliver(emailChanged(pete, "pete.new@example.com")), "changed");
        JsonNode user = trusting.userLinkedTo(pete);
        assertThat(user.path("email").asText()).isEqualTo("pete.new@example.com");
        assertThat(user.path("emailVerified").asBoolean()).isTrue();

        FractalRealm distrusting = FractalRealm.builder(admin, keycloak, sandbox).userInfoShape("v2").webhookSecret(SECRET)
                .config("syncMode", "IMPORT").create("wh-email-untrusted");
        JsonNode idp = distrusting.identityProvider();
        ((com.fasterxml.jackson.databind.node.ObjectNode) idp).put("trustEmail", false);
        admin.put(distrusting.adminPath() + "/identity-provider/instances/fractal", idp);
        FractalSignIn.signInAndGetTokens(distrusting, "pete");
        assertOk(new WebhookSender(distrusting.webhookUrl(), SECRET).deliver(emailChanged(pete, "pete.other@example.com")), "acknowledged");
        assertThat(distrusting.userLinkedTo(pete).path("email").asText()).isEqualTo("pete@example.com");
    }

    /** Dated now: each change is newer than the one before (email changes are ordered by Fractal's time). */
    private static byte[] emailChanged(String uid, String email) {
        return ("{\"type\":\"email_changed\",\"data\":{\"user_id\":\"" + uid + "\",\"email\":\"" + email
                + "\",\"timestamp\":\"" + Instant.now() + "\"}}").getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void aPlainSecretIsRefusedWhenTheProviderIsSaved() {
        FractalRealm realm = realm("wh-plain");
        JsonNode idp = realm.identityProvider();
        ((com.fasterxml.jackson.databind.node.ObjectNode) idp.path("config")).put("webhookSecrets", SECRET);

        HttpResponse<String> response = admin.send("PUT", realm.adminPath() + "/identity-provider/instances/fractal", idp);

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("vault references");
        assertThat(realm.identityProvider().path("config").path("webhookSecrets").asText()).isEqualTo("${vault.fractalwebhook}");
    }

    /** Fractal's timestamps have whole seconds; a decision made after the login must not be dated before it. */
    private static Instant afterTheLogin() {
        return Instant.now().plusSeconds(1).truncatedTo(ChronoUnit.SECONDS);
    }

    private FractalRealm realm(String prefix) {
        return FractalRealm.builder(admin, keycloak, sandbox).userInfoShape("v2").webhookSecret(SECRET).create(prefix);
    }

    private String attribute(FractalRealm realm, String user, String name) {
        return realm.userLinkedTo(sandbox.user(user).uid()).path("attributes").path(name).get(0).asText();
    }

    private static void assertOk(HttpResponse<String> answer, String result) throws Exception {
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        assertThat(AdminApi.JSON.readTree(answer.body()).path("result").asText()).isEqualTo(result);
    }

    private static String error(HttpResponse<String> answer) throws Exception {
        return AdminApi.JSON.readTree(answer.body()).path("error").asText();
    }
}
