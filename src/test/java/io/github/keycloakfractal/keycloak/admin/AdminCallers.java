package io.github.keycloakfractal.keycloak.admin;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.keycloakfractal.testkit.AdminApi;
import io.github.keycloakfractal.testkit.FractalRealm;
import io.github.keycloakfractal.testkit.KeycloakServer;
import io.github.keycloakfractal.testkit.TestApp;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The kinds of callers an operator points at Keycloak's admin API, set up through the admin API the way an operator
 * would: users and service accounts holding realm-management roles, fine-grained admin permissions (v2) on users, and
 * clients whose tokens carry only some roles. Each returns the caller's access token.
 */
final class AdminCallers {
    static final String PASSWORD = "correct horse battery staple";

    private final AdminApi admin;
    private final KeycloakServer keycloak;
    private final FractalRealm realm;
    private final HttpClient http = HttpClient.newHttpClient();

    AdminCallers(AdminApi admin, KeycloakServer keycloak, FractalRealm realm) {
        this.admin = admin;
        this.keycloak = keycloak;
        this.realm = realm;
    }

    /** {@code /admin/realms/<realm>/fractal/<path>}. */
    String url(String path) {
        return keycloak.baseUrl() + "/admin" + realm.adminPath() + "/fractal/" + path;
    }

    /** A local user holding these realm-management roles, signed in through the test app (full scope). */
    String userWith(String username, String... managementRoles) throws IOException, InterruptedException {
        String id = realm.createLocalUser(username, PASSWORD);
        grant(id, managementRoles);
        return new TestApp(realm).passwordTokens(username, PASSWORD).accessToken();
    }

    /** A confidential client's service account holding these realm-management roles; its client-credentials token. */
    String serviceAccountWith(String clientId, String... managementRoles) throws IOException, InterruptedException {
        String secret = UUID.randomUUID().toString();
        admin.post(realm.adminPath() + "/clients", Map.of("clientId", clientId, "secret", secret, "publicClient", false,
                "serviceAccountsEnabled", true, "standardFlowEnabled", false));
        String serviceAccount = admin.get(realm.adminPath() + "/clients/" + clientUuid(clientId) + "/service-account-user").path("id").asText();
        grant(serviceAccount, managementRoles);
        return token("grant_type=client_credentials&client_id=" + clientId + "&client_secret=" + secret);
    }

    /**
     * A token for {@code username} from a public client with full scope off, no role in its scope: what any
     * low-privilege application of the realm obtains for a user who may manage users elsewhere.
     */
    String lowPrivilegeAppToken(String clientId, String username) throws IOException, InterruptedException {
        admin.post(realm.adminPath() + "/clients", Map.of("clientId", clientId, "publicClient", true, "fullScopeAllowed", false,
                "directAccessGrantsEnabled", true, "standardFlowEnabled", false));
        return token("grant_type=password&client_id=" + clientId + "&username=" + AdminApi.encode(username)
                + "&password=" + AdminApi.encode(PASSWORD));
    }

    /** Turns on the realm's admin permissions (v2) and lets {@code userId} do {@code scopes} on all users, or on the listed ones. */
    void permitOnUsers(String userId, List<String> scopes, List<String> onlyUserIds) {
        admin.put(realm.adminPath(), Map.of("adminPermissionsEnabled", true));
        String server = realm.adminPath() + "/clients/" + clientUuid("admin-permissions") + "/authz/resource-server";
        String policy = "only-" + userId + "-" + UUID.randomUUID();
        admin.post(server + "/policy/user", Map.of("name", policy, "users", List.of(userId)));
        admin.post(server + "/permission/scope", Map.of("name", "users-" + UUID.randomUUID(), "resourceType", "Users",
                "scopes", scopes, "resources", onlyUserIds, "policies", List.of(policy)));
    }

    String userId(String username) {
        return admin.get(realm.adminPath() + "/users?exact=true&username=" + AdminApi.encode(username)).get(0).path("id").asText();
    }

    private void grant(String userId, String... managementRoles) {
        if (managementRoles.length == 0) {
            return;
        }
        String management = clientUuid("realm-management");
        List<JsonNode> roles = java.util.Arrays.stream(managementRoles)
                .map(role -> admin.get(realm.adminPath() + "/clients/" + management + "/roles/" + role)).toList();
        admin.post(realm.adminPath() + "/users/" + userId + "/role-mappings/clients/" + management, roles);
    }

    private String clientUuid(String clientId) {
        return admin.get(realm.adminPath() + "/clients?clientId=" + clientId).get(0).path("id").asText();
    }

    private String token(String form) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(realm.url() + "/protocol/openid-connect/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return AdminApi.JSON.readTree(response.body()).path("access_token").asText();
    }
}
