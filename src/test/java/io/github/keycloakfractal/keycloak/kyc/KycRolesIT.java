package io.github.keycloakfractal.keycloak.kyc;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.keycloakfractal.sandbox.FractalSandbox;
import io.github.keycloakfractal.testkit.AdminApi;
import io.github.keycloakfractal.testkit.FractalRealm;
import io.github.keycloakfractal.testkit.FractalSignIn;
import io.github.keycloakfractal.testkit.KeycloakServer;
import io.github.keycloakfractal.testkit.RealKeycloak;
import io.github.keycloakfractal.testkit.TestApp;
import io.github.keycloakfractal.testkit.UserTokens;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** The KYC state of each kind of Fractal user, as roles in the token an app receives and as /status. */
@ExtendWith(RealKeycloak.class)
class KycRolesIT {
    private final KeycloakServer keycloak;
    private final FractalSandbox sandbox;
    private final AdminApi admin;

    KycRolesIT(KeycloakServer keycloak, FractalSandbox sandbox, AdminApi admin) {
        this.keycloak = keycloak;
        this.sandbox = sandbox;
        this.admin = admin;
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = ';', value = {
            "alice; approved; fractal-accredited-investor fractal-kyc-approved fractal-level-basic fractal-level-liveness; basic liveness",
            "acme;  approved; fractal-kyc-approved fractal-level-plus; plus",
            "pete;  pending;  fractal-kyc-pending; ''",
            "rita;  rejected; fractal-kyc-rejected; ''"})
    void eachSeededUserGetsExactlyTheirStatusAndLevelRoles(String user, String status, String roles, String levels) throws Exception {
        FractalRealm realm = FractalRealm.builder(admin, keycloak, sandbox).userInfoShape("v1").create("kyc-" + user);

        UserTokens tokens = FractalSignIn.signInAndGetTokens(realm, user);

        assertThat(tokens.realmRoles("fractal-")).containsExactlyInAnyOrderElementsOf(List.of(roles.split(" ")));
        JsonNode state = status(realm, tokens.accessToken());
        assertThat(state.path("status").asText()).isEqualTo(status);
        List<String> shown = new ArrayList<>();
        state.path("levels").forEach(level -> shown.add(level.asText()));
        assertThat(shown).containsExactlyElementsOf(levels.isBlank() ? List.of() : List.of(levels.split(" ")));
        assertThat(state.path("country").asText()).isEqualTo(sandbox.user(user).residentialCountry());
        assertThat(state.path("updated_at").asText()).isNotBlank();
    }

    @Test
    void approvalAtFractalMovesTheRolesAtTheNextLoginWithOneEventPerChange() throws Exception {
        FractalRealm realm = FractalRealm.builder(admin, keycloak, sandbox).userInfoShape("v2").create("kyc-move");
        UserTokens pending = FractalSignIn.signInAndGetTokens(realm, "pete");
        assertThat(pending.realmRoles("fractal-")).containsExactly("fractal-kyc-pending");

        sandbox.user("pete").approve();
        UserTokens approved = FractalSignIn.signInAndGetTokens(realm, "pete");
        assertThat(approved.realmRoles("fractal-"))
                .containsExactlyInAnyOrder("fractal-kyc-approved", "fractal-level-basic", "fractal-level-liveness");

        FractalSignIn.signInAndGetTokens(realm, "pete");

        List<String> changes = realm.kycChanges(sandbox.user("pete").uid());
        assertThat(changes).as("two changes, the unchanged third login records nothing")
                .containsExactlyInAnyOrder("broker-login:none->pending", "broker-login:pending->approved");
    }

    @Test
    void statusWithoutATokenIs401Json() throws Exception {
        FractalRealm realm = FractalRealm.builder(admin, keycloak, sandbox).create("kyc-anon");
        HttpClient http = HttpClient.newHttpClient();

        HttpResponse<String> none = http.send(HttpRequest.newBuilder(URI.create(realm.url() + "/fractal/status")).build(),
                HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> garbage = new TestApp(realm).getWithBearer(realm.url() + "/fractal/status", "not-a-token");

        for (HttpResponse<String> response : List.of(none, garbage)) {
            assertThat(response.statusCode()).isEqualTo(401);
            assertThat(AdminApi.JSON.readTree(response.body()).path("error").asText()).isEqualTo("invalid_token");
        }
    }

    @Test
    void theFractalAttributesAreDeclaredReadOnlyForUsersWhenTheProviderIsConfigured() {
        FractalRealm realm = FractalRealm.builder(admin, keycloak, sandbox).create("kyc-profile");

        JsonNode profile = admin.get(realm.adminPath() + "/users/profile");
        List<String> declared = new ArrayList<>();
        profile.path("attributes").forEach(attribute -> {
            if (attribute.path("name").asText().startsWith("fractal_")) {
                declared.add(attribute.path("name").asText());
                assertThat(attribute.path("permissions").path("edit")).extracting(JsonNode::asText).containsExactly("admin");
                assertThat(attribute.path("permissions").path("view")).extracting(JsonNode::asText).contains("user", "admin");
            }
        });
        assertThat(declared).contains("fractal_kyc_status", "fractal_kyc_levels", "fractal_uid", "fractal_country",
                "fractal_accredited_investor", "fractal_wallet_address");
    }

    @Test
    void aUserCannotSetTheirOwnKycAttributesThroughTheAccountApi() throws Exception {
        FractalRealm realm = FractalRealm.builder(admin, keycloak, sandbox).create("kyc-tamper");
        UserTokens tokens = FractalSignIn.signInAndGetTokens(realm, "pete");
        HttpClient http = HttpClient.newHttpClient();
        String account = realm.url() + "/account/";

        JsonNode me = AdminApi.JSON.readTree(http.send(HttpRequest.newBuilder(URI.create(account))
                .header("Authorization", "Bearer " + tokens.accessToken()).header("Accept", "application/json").build(),
                HttpResponse.BodyHandlers.ofString()).body());
        assertThat(me.path("attributes").path("fractal_kyc_status").get(0).asText()).as("users see it").isEqualTo("pending");

        for (String attribute : List.of("fractal_kyc_status", "fractal_kyc_levels", "fractal_uid", "fractal_accredited_investor")) {
            com.fasterxml.jackson.databind.node.ObjectNode forged = me.deepCopy();
            ((com.fasterxml.jackson.databind.node.ObjectNode) forged.path("attributes")).putArray(attribute).add("approved");
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(account))
                    .header("Authorization", "Bearer " + tokens.accessToken()).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(forged.toString())).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as(attribute + ": " + response.body()).isEqualTo(400);
        }

        JsonNode user = realm.userLinkedTo(sandbox.user("pete").uid());
        assertThat(user.path("attributes").path("fractal_kyc_status").get(0).asText()).isEqualTo("pending");
        assertThat(user.path("attributes").has("fractal_kyc_levels")).isFalse();
        assertThat(user.path("attributes").path("fractal_uid").get(0).asText()).isEqualTo(sandbox.user("pete").uid());
        assertThat(FractalSignIn.signInAndGetTokens(realm, "pete").realmRoles("fractal-")).containsExactly("fractal-kyc-pending");
    }

    @Test
    void roleNamesFollowTheProvidersSettings() throws Exception {
        FractalRealm realm = FractalRealm.builder(admin, keycloak, sandbox)
                .config("rolePrefix", "acme-").config("statusRoleTemplate", "{status}").config("levelRoleTemplate", "kyc-{level}")
                .create("kyc-names");

        assertThat(FractalSignIn.signInAndGetTokens(realm, "alice").realmRoles("acme-"))
                .isEqualTo(Set.of("acme-approved", "acme-kyc-basic", "acme-kyc-liveness", "acme-accredited-investor"));
    }

    private static JsonNode status(FractalRealm realm, String accessToken) throws Exception {
        HttpResponse<String> response = new TestApp(realm).getWithBearer(realm.url() + "/fractal/status", accessToken);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return AdminApi.JSON.readTree(response.body());
    }

}
