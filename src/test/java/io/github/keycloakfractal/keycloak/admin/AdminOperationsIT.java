package io.github.keycloakfractal.keycloak.admin;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.keycloakfractal.sandbox.FractalSandbox;
import io.github.keycloakfractal.testkit.AdminApi;
import io.github.keycloakfractal.testkit.FractalRealm;
import io.github.keycloakfractal.testkit.KeycloakServer;
import io.github.keycloakfractal.testkit.RealKeycloak;
import io.github.keycloakfractal.testkit.TestApp;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The admin operations on Keycloak's admin REST API decide who may do what exactly as Keycloak's own user API does:
 * master-realm admins, realm admins, service accounts with realm-management roles and fine-grained admin permissions
 * may; view-users may read but not run; the roles that count are those in the token. Runs and re-checks are admin events.
 */
@ExtendWith(RealKeycloak.class)
class AdminOperationsIT {
    private final KeycloakServer keycloak;
    private final FractalSandbox sandbox;
    private final AdminApi admin;

    AdminOperationsIT(KeycloakServer keycloak, FractalSandbox sandbox, AdminApi admin) {
        this.keycloak = keycloak;
        this.sandbox = sandbox;
        this.admin = admin;
    }

    @Test
    void theMasterRealmAdminARealmAdminAndAServiceAccountWithManageUsersRunEverything() throws Exception {
        FractalRealm realm = realm("ao-admins");
        String alice = realm.createLinkedUser("alice", sandbox.user("alice").uid());
        AdminCallers callers = new AdminCallers(admin, keycloak, realm);

        HttpResponse<String> master = admin.send("POST", realm.adminPath() + "/fractal/reconcile", null);
        assertThat(master.statusCode()).as(master.body()).isEqualTo(200);
        assertThat(AdminApi.JSON.readTree(master.body()).path("runs").get(0).path("changed").asInt()).isEqualTo(1);
        assertThat(realm.realmRolesOfUser(alice, "fractal-kyc-")).containsExactly("fractal-kyc-approved");

        String realmAdmin = callers.userWith("realm-admin-user", "realm-admin");
        String serviceAccount = callers.serviceAccountWith("ops-manager", "manage-users");
        for (String token : List.of(realmAdmin, serviceAccount)) {
            assertThat(status(realm, "POST", "reconcile", token)).isEqualTo(200);
            assertThat(status(realm, "POST", "users/" + alice + "/recheck", token)).isEqualTo(200);
            assertThat(status(realm, "GET", "reconcile", token)).isEqualTo(200);
            assertThat(status(realm, "GET", "health", token)).isEqualTo(200);
        }
    }

    @Test
    void viewUsersReadsButMayNotRunOrRecheckAndAskFractalNothing() throws Exception {
        FractalRealm realm = realm("ao-viewer");
        String alice = realm.createLinkedUser("alice", sandbox.user("alice").uid());
        String viewer = new AdminCallers(admin, keycloak, realm).serviceAccountWith("ops-viewer", "view-users");

        assertThat(status(realm, "GET", "reconcile", viewer)).isEqualTo(200);
        assertThat(status(realm, "GET", "health", viewer)).isEqualTo(200);
        int fractalCalls = sandbox.stats().requestCount();
        assertThat(status(realm, "POST", "reconcile", viewer)).isEqualTo(403);
        assertThat(status(realm, "POST", "users/" + alice + "/recheck", viewer)).isEqualTo(403);

        assertThat(sandbox.stats().requestCount()).isEqualTo(fractalCalls);
        assertThat(realm.user(alice).path("attributes").has("fractal_kyc_status")).isFalse();
    }

    @Test
    void fineGrainedPermissionsOnUsersWorkWithoutAnyRealmManagementRole() throws Exception {
        FractalRealm realm = realm("ao-fgap");
        String alice = realm.createLinkedUser("alice", sandbox.user("alice").uid());
        String pete = realm.createLinkedUser("pete", sandbox.user("pete").uid());
        AdminCallers callers = new AdminCallers(admin, keycloak, realm);
        String delegate = callers.userWith("delegate");
        String aliceOnly = callers.userWith("alice-keeper");
        callers.permitOnUsers(callers.userId("delegate"), List.of("view", "manage"), List.of());
        callers.permitOnUsers(callers.userId("alice-keeper"), List.of("view", "manage"), List.of(alice));

        assertThat(status(realm, "POST", "reconcile", delegate)).as("manage on all users").isEqualTo(200);
        assertThat(status(realm, "GET", "health", delegate)).isEqualTo(200);
        assertThat(realm.realmRolesOfUser(pete, "fractal-kyc-")).containsExactly("fractal-kyc-pending");

        assertThat(status(realm, "POST", "users/" + alice + "/recheck", aliceOnly)).as("manage on alice").isEqualTo(200);
        assertThat(status(realm, "POST", "users/" + pete + "/recheck", aliceOnly)).as("no permission on pete").isEqualTo(403);
        assertThat(status(realm, "POST", "reconcile", aliceOnly)).as("a run changes every user").isEqualTo(403);
    }

    @Test
    void aTokenOfALowPrivilegeAppIsRefusedEvenForAUserWhoMayManageUsers() throws Exception {
        FractalRealm realm = realm("ao-lowapp");
        realm.createLinkedUser("alice", sandbox.user("alice").uid());
        AdminCallers callers = new AdminCallers(admin, keycloak, realm);
        String fullScope = callers.userWith("manager", "manage-users");
        String lowPrivilege = callers.lowPrivilegeAppToken("newsletter", "manager");
        int fractalCalls = sandbox.stats().requestCount();

        assertThat(status(realm, "POST", "reconcile", lowPrivilege)).isEqualTo(403);
        assertThat(status(realm, "GET", "reconcile", lowPrivilege)).isEqualTo(403);
        assertThat(sandbox.stats().requestCount()).isEqualTo(fractalCalls);
        assertThat(status(realm, "POST", "reconcile", fullScope)).as("the same user through a client that carries the role").isEqualTo(200);
    }

    @Test
    void callersWithoutAValidTokenGet401AndTheOldRealmPathsAreGone() throws Exception {
        FractalRealm realm = realm("ao-401");
        String manager = new AdminCallers(admin, keycloak, realm).userWith("manager", "manage-users");
        TestApp http = new TestApp(realm);

        assertThat(http.postWithBearer(new AdminCallers(admin, keycloak, realm).url("reconcile"), null, "").statusCode()).isEqualTo(401);
        assertThat(status(realm, "GET", "health", "garbage")).isEqualTo(401);
        for (String old : List.of("reconcile", "health")) {
            assertThat(http.getWithBearer(realm.url() + "/fractal/admin/" + old, manager).statusCode()).as(old).isEqualTo(404);
        }
        assertThat(http.postWithBearer(realm.url() + "/fractal/admin/reconcile", manager, "").statusCode()).isEqualTo(404);
    }

    @Test
    void aRunAndARecheckAreAdminEventsNamingWhoDidThem() throws Exception {
        FractalRealm realm = realm("ao-events");
        admin.put(realm.adminPath(), Map.of("adminEventsEnabled", true, "adminEventsDetailsEnabled", true));
        String pete = realm.createLinkedUser("pete", sandbox.user("pete").uid());
        AdminCallers callers = new AdminCallers(admin, keycloak, realm);
        String manager = callers.userWith("manager", "manage-users");

        assertThat(status(realm, "POST", "reconcile", manager)).isEqualTo(200);
        assertThat(status(realm, "POST", "users/" + pete + "/recheck", manager)).isEqualTo(200);
        assertThat(status(realm, "GET", "health", manager)).isEqualTo(200);

        List<JsonNode> actions = new ArrayList<>();
        admin.get(realm.adminPath() + "/admin-events?operationTypes=ACTION&max=50").forEach(actions::add);
        assertThat(actions).extracting(event -> event.path("resourceType").asText() + " " + event.path("resourcePath").asText())
                .containsExactlyInAnyOrder("FRACTAL_RECONCILIATION fractal/reconcile", "USER fractal/users/" + pete + "/recheck");
        assertThat(actions).allSatisfy(event -> {
            assertThat(event.path("authDetails").path("userId").asText()).isEqualTo(callers.userId("manager"));
            assertThat(event.path("details").path("outcome").asText()).isEqualTo("completed");
        });
        JsonNode run = actions.stream().filter(e -> e.path("resourcePath").asText().equals("fractal/reconcile")).findFirst().orElseThrow();
        assertThat(AdminApi.JSON.readTree(run.path("representation").asText()).path("runs").get(0).path("checked").asInt()).isEqualTo(1);
    }

    private FractalRealm realm(String prefix) {
        return FractalRealm.builder(admin, keycloak, sandbox).userInfoShape("v2").config("statsUrl", sandbox.statsUrl()).create(prefix);
    }

    private int status(FractalRealm realm, String method, String path, String token) throws Exception {
        TestApp http = new TestApp(realm);
        String url = new AdminCallers(admin, keycloak, realm).url(path);
        HttpResponse<String> answer = method.equals("POST") ? http.postWithBearer(url, token, "") : http.getWithBearer(url, token);
        return answer.statusCode();
    }
}
