package io.github.keycloakfractal.keycloak.sync;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.keycloakfractal.sandbox.FractalSandbox;
import io.github.keycloakfractal.sandbox.SandboxKraken;
import io.github.keycloakfractal.testkit.AdminApi;
import io.github.keycloakfractal.testkit.FractalRealm;
import io.github.keycloakfractal.testkit.KeycloakServer;
import io.github.keycloakfractal.testkit.RealKeycloak;
import io.github.keycloakfractal.testkit.TestApp;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static io.github.keycloakfractal.testkit.JsonErrors.assertRefused;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Reconciliation with Fractal's statistics through the admin operations ({@code /admin/realms/<realm>/fractal}): drift
 * Fractal knows about and Keycloak missed (no webhook) is repaired, in both list shapes, only by user managers, and a
 * failed run changes nobody.
 */
@ExtendWith(RealKeycloak.class)
class ReconciliationIT {
    private static final String PASSWORD = "correct horse battery staple";

    private final KeycloakServer keycloak;
    private final FractalSandbox sandbox;
    private final AdminApi admin;

    ReconciliationIT(KeycloakServer keycloak, FractalSandbox sandbox, AdminApi admin) {
        this.keycloak = keycloak;
        this.sandbox = sandbox;
        this.admin = admin;
    }

    @Test
    void usersChangedAtFractalWithoutAWebhookAreCorrectedByOneRunAndASecondRunChangesNothing() throws Exception {
        FractalRealm realm = realm("rc-drift", Map.of());
        String alice = realm.createLinkedUser("alice", sandbox.user("alice").uid());
        String pete = realm.createLinkedUser("pete", sandbox.user("pete").uid());
        String admin = manager(realm);

        JsonNode first = runNow(realm, admin);
        assertThat(first.path("checked").asInt()).isEqualTo(2);
        assertThat(first.path("changed").asInt()).isEqualTo(2);
        assertThat(first.path("unknown").asInt()).as("acme and rita are listed, not linked").isEqualTo(2);
        assertThat(realm.realmRolesOfUser(alice, "fractal-")).containsExactlyInAnyOrder("fractal-kyc-approved",
                "fractal-level-basic", "fractal-level-liveness");
        assertThat(realm.realmRolesOfUser(pete, "fractal-")).containsExactly("fractal-kyc-pending");

        sandbox.user("alice").reject();
        sandbox.user("pete").approve();
        JsonNode second = runNow(realm, admin);

        assertThat(second.path("changed").asInt()).isEqualTo(2);
        assertThat(realm.realmRolesOfUser(alice, "fractal-")).containsExactly("fractal-kyc-rejected");
        assertThat(realm.realmRolesOfUser(pete, "fractal-")).containsExactlyInAnyOrder("fractal-kyc-approved",
                "fractal-level-basic", "fractal-level-liveness");
        assertThat(realm.kycChanges(sandbox.user("alice").uid()))
                .containsExactly("reconciliation:none->approved", "reconciliation:approved->rejected");
        assertThat(realm.kycChanges(sandbox.user("pete").uid()))
                .containsExactly("reconciliation:none->pending", "reconciliation:pending->approved");

        JsonNode third = runNow(realm, admin);
        assertThat(third.path("checked").asInt()).isEqualTo(2);
        assertThat(third.path("changed").asInt()).isZero();
        assertThat(realm.kycChanges(sandbox.user("alice").uid())).hasSize(2);
        JsonNode last = get(realm, admin, "/reconcile").path("fractal");
        assertThat(last.path("changed").asInt()).isZero();
        assertThat(last.path("trigger").asText()).isEqualTo("admin");
    }

    @Test
    void theOriginalStatusMapWorksAndAnExpiredUserEndsWithTheExpiredRoleOnly() throws Exception {
        FractalRealm realm = realm("rc-shapes", Map.of());
        String alice = realm.createLinkedUser("alice", sandbox.user("alice").uid());
        String rita = realm.createLinkedUser("rita", sandbox.user("rita").uid());
        String admin = manager(realm);
        runNow(realm, admin);
        assertThat(realm.realmRolesOfUser(alice, "fractal-")).contains("fractal-kyc-approved", "fractal-level-basic");

        sandbox.stats().useOriginalShape(true);
        sandbox.user("alice").setCase("basic+liveness", "done", "expired");
        sandbox.user("rita").approve();
        JsonNode run = runNow(realm, admin);

        assertThat(run.path("changed").asInt()).isEqualTo(2);
        assertThat(realm.realmRolesOfUser(alice, "fractal-")).containsExactly("fractal-kyc-expired");
        // the original shape names no levels: an approval is recorded, levels are not invented
        assertThat(realm.realmRolesOfUser(rita, "fractal-")).containsExactly("fractal-kyc-approved");
    }

    @Test
    void onlyUserManagersMayRunAnythingAndRefusedCallsAskFractalNothing() throws Exception {
        FractalRealm realm = realm("rc-auth", Map.of());
        String alice = realm.createLinkedUser("alice", sandbox.user("alice").uid());
        realm.createLocalUser("nina", PASSWORD);
        TestApp app = new TestApp(realm);
        String userToken = app.passwordTokens("nina", PASSWORD).accessToken();
        int before = sandbox.stats().requestCount();

        for (String path : List.of("/reconcile", "/users/" + alice + "/recheck")) {
            assertThat(app.postWithBearer(adminUrl(realm, path), userToken, "").statusCode()).as(path).isEqualTo(403);
            assertThat(app.postWithBearer(adminUrl(realm, path), null, "").statusCode()).as(path).isEqualTo(401);
        }
        for (String path : List.of("/reconcile", "/health")) {
            assertThat(app.getWithBearer(adminUrl(realm, path), userToken).statusCode()).as(path).isEqualTo(403);
            assertThat(app.getWithBearer(adminUrl(realm, path), "garbage").statusCode()).as(path).isEqualTo(401);
        }

        assertThat(sandbox.stats().requestCount()).isEqualTo(before);
        assertThat(realm.user(alice).path("attributes").has("fractal_kyc_status")).isFalse();
    }

    @Test
    void withFractalDownARunReportsTheFailureAndChangesNoUser() throws Exception {
        FractalRealm realm = realm("rc-down", Map.of());
        String alice = realm.createLinkedUser("alice", sandbox.user("alice").uid());
        String admin = manager(realm);
        sandbox.stats().setDown(true);

        HttpResponse<String> answer = new TestApp(realm).postWithBearer(adminUrl(realm, "/reconcile"), admin, "");

        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(503);
        JsonNode body = AdminApi.JSON.readTree(answer.body());
        assertThat(body.path("error").asText()).isEqualTo("fractal_unavailable");
        assertThat(body.path("runs").get(0).path("outcome").asText()).isEqualTo("failed");
        assertThat(body.path("runs").get(0).path("changed").asInt()).isZero();
        assertThat(realm.user(alice).path("attributes").has("fractal_kyc_status")).isFalse();
        assertThat(get(realm, admin, "/reconcile").path("fractal").path("outcome").asText()).isEqualTo("failed");
    }

    @Test
    void anAdminRechecksOneUserAndSeesTheProvidersHealthWithoutSecrets() throws Exception {
        FractalRealm realm = realm("rc-health", Map.of());
        String pete = realm.createLinkedUser("pete", sandbox.user("pete").uid());
        String admin = manager(realm);
        sandbox.user("pete").approve();

        HttpResponse<String> recheck = new TestApp(realm).postWithBearer(adminUrl(realm, "/users/" + pete + "/recheck"), admin, "");
        assertThat(recheck.statusCode()).as(recheck.body()).isEqualTo(200);
        assertThat(AdminApi.JSON.readTree(recheck.body()).path("status").asText()).isEqualTo("approved");
        assertThat(realm.realmRolesOfUser(pete, "fractal-kyc-")).containsExactly("fractal-kyc-approved");
        assertRefused(new TestApp(realm).postWithBearer(adminUrl(realm, "/users/no-such-user/recheck"), admin, ""), 404, "user_not_found");

        HttpResponse<String> health = new TestApp(realm).getWithBearer(adminUrl(realm, "/health"), admin);
        assertThat(health.statusCode()).as(health.body()).isEqualTo(200);
        JsonNode provider = AdminApi.JSON.readTree(health.body()).path("providers").get(0);
        assertThat(provider.path("settings").path("client_secret").asText()).isEqualTo("set");
        assertThat(provider.path("statistics").path("reachable").asBoolean()).isTrue();
        assertThat(provider.path("missing").toString()).contains("credentialsSigner");
        assertThat(health.body()).doesNotContain(FractalRealm.SANDBOX_CLIENT_SECRET);
    }

    @Test
    void pendingKrakenUsersAreAskedAboutAtKraken() throws Exception {
        FractalRealm realm = realm("rc-kraken", Map.of("krakenClientId", SandboxKraken.CLIENT_ID, "krakenUrl", sandbox.krakenUrl(),
                "krakenApiKey", "${vault.krakenapikey}"));
        String krakenId = sandbox.kraken().addUser("approved");
        String quinn = realm.createLocalUser("quinn", PASSWORD);
        ObjectNode user = (ObjectNode) realm.user(quinn);
        ObjectNode attributes = user.has("attributes") ? (ObjectNode) user.get("attributes") : user.putObject("attributes");
        attributes.putArray("fractal_kraken_id").add(krakenId);
        attributes.putArray("fractal_kyc_status").add("pending");
        this.admin.put(realm.adminPath() + "/users/" + quinn, user);

        JsonNode run = runNow(realm, manager(realm));

        assertThat(run.path("kraken_checked").asInt()).isEqualTo(1);
        assertThat(realm.realmRolesOfUser(quinn, "fractal-")).containsExactlyInAnyOrder("fractal-kyc-approved",
                "fractal-level-basic", "fractal-level-liveness");
    }

    @Test
    void aScheduledRunHappensWhenTheIntervalIsSet() throws Exception {
        FractalRealm realm = realm("rc-schedule", Map.of());
        String alice = realm.createLinkedUser("alice", sandbox.user("alice").uid());
        String admin = manager(realm);

        ObjectNode provider = (ObjectNode) realm.identityProvider();
        ((ObjectNode) provider.path("config")).put("reconcileIntervalMinutes", "60");
        this.admin.put(realm.adminPath() + "/identity-provider/instances/" + FractalRealm.ALIAS, provider);

        Instant deadline = Instant.now().plus(Duration.ofSeconds(5L * RealKeycloak.RECONCILE_TICK_SECONDS + 10));
        JsonNode last = get(realm, admin, "/reconcile").path("fractal");
        while (!"schedule".equals(last.path("trigger").asText()) && Instant.now().isBefore(deadline)) {
            Thread.sleep(500);
            last = get(realm, admin, "/reconcile").path("fractal");
        }
        assertThat(last.path("trigger").asText()).isEqualTo("schedule");
        assertThat(last.path("changed").asInt()).isEqualTo(1);
        assertThat(realm.realmRolesOfUser(alice, "fractal-kyc-")).containsExactly("fractal-kyc-approved");

        int requests = sandbox.stats().requestCount();
        Thread.sleep(3L * RealKeycloak.RECONCILE_TICK_SECONDS * 1000);
        assertThat(sandbox.stats().requestCount()).as("one run per interval, not one per tick").isEqualTo(requests);
    }

    private FractalRealm realm(String prefix, Map<String, String> extra) {
        FractalRealm.Builder builder = FractalRealm.builder(admin, keycloak, sandbox).userInfoShape("v2")
                .vaultSecret("krakenapikey", SandboxKraken.API_KEY)
                .config("statsUrl", sandbox.statsUrl());
        extra.forEach(builder::config);
        return builder.create(prefix);
    }

    /** A bearer token of a realm user who holds manage-users (through the test app, which has full scope). */
    private String manager(FractalRealm realm) throws Exception {
        String id = realm.createLocalUser("manager", PASSWORD);
        realm.grantManageUsers(id);
        return new TestApp(realm).passwordTokens("manager", PASSWORD).accessToken();
    }

    /** The admin operations of the realm on Keycloak's admin REST API. */
    private String adminUrl(FractalRealm realm, String path) {
        return keycloak.baseUrl() + "/admin" + realm.adminPath() + "/fractal" + path;
    }

    private JsonNode runNow(FractalRealm realm, String adminToken) throws Exception {
        HttpResponse<String> answer = new TestApp(realm).postWithBearer(adminUrl(realm, "/reconcile"), adminToken, "");
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        JsonNode run = AdminApi.JSON.readTree(answer.body()).path("runs").get(0);
        assertThat(run.path("outcome").asText()).isEqualTo("completed");
        return run;
    }

    private JsonNode get(FractalRealm realm, String adminToken, String path) throws Exception {
        HttpResponse<String> answer = new TestApp(realm).getWithBearer(adminUrl(realm, path), adminToken);
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        return AdminApi.JSON.readTree(answer.body());
    }
}
