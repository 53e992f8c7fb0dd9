package io.github.keycloakfractal.keycloak.broker;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.keycloakfractal.testkit.AdminApi;
import io.github.keycloakfractal.testkit.RealKeycloak;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** What an admin sees and saves: the provider in "Add provider", its fields, their round trip, export and import. */
@ExtendWith(RealKeycloak.class)
class FractalProviderAdminIT {
    private static final Map<String, String> EVERY_FIELD = Map.ofEntries(
            Map.entry("clientId", "my-fractal-client"),
            Map.entry("clientSecret", "s3cret-value"),
            Map.entry("environment", "custom"),
            Map.entry("userInfoShape", "v1"),
            Map.entry("authorizationUrl", "https://fractal.example/authorize"),
            Map.entry("tokenUrl", "https://fractal.example/oauth/token"),
            Map.entry("userInfoUrl", "https://fractal.example/users/me"),
            Map.entry("defaultScope", "uid:read email:read verification.plus:read verification.plus.details:read"),
            Map.entry("companyNames", "both"),
            Map.entry("reconcileIntervalMinutes", "360"),
            Map.entry("statsUrl", "https://fractal.example/v2/stats"),
            Map.entry("credentialLevel", "plus+liveness"),
            Map.entry("credentialCitizenshipBlocklist", "KP,IR"),
            Map.entry("credentialResidencyBlocklist", "US"),
            Map.entry("credentialMaxAgeDays", "182"),
            Map.entry("credentialAppName", "My dApp"),
            Map.entry("credentialChallengeSeconds", "120"),
            Map.entry("credentialsUrl", "https://credentials.fractal.example"),
            Map.entry("credentialsSigner", "0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266"));

    private static final String V2_DEFAULT_SCOPES = "uid:read contact:read verification.basic:read verification.basic.details:read "
            + "verification.liveness:read";
    private static final String V1_DEFAULT_SCOPES = "uid:read email:read person.full_name:read person.residential_address_country:read "
            + "person.accredited_investor:read institution.company_name:read institution.residential_address_country:read "
            + "institution.accredited_investor:read verification.v1:read";

    private final AdminApi admin;

    FractalProviderAdminIT(AdminApi admin) {
        this.admin = admin;
    }

    @Test
    void theProviderIsOfferedWithEveryFractalSettingAsAField() {
        JsonNode info = admin.get("/serverinfo");

        List<String> offered = new ArrayList<>();
        info.path("identityProviders").forEach(p -> offered.add(p.path("id").asText() + "=" + p.path("name").asText() + "/" + p.path("groupName").asText()));
        assertThat(offered).contains("fractal=Fractal/Social");

        JsonNode type = null;
        for (JsonNode candidate : info.path("componentTypes").path("org.keycloak.broker.social.SocialIdentityProvider")) {
            if (candidate.path("id").asText().equals("fractal")) {
                type = candidate;
            }
        }
        assertThat(type).as("component type for the admin page").isNotNull();
        List<String> fields = new ArrayList<>();
        type.path("properties").forEach(p -> fields.add(p.path("name").asText()));
        assertThat(fields).containsExactly("environment", "userInfoShape", "authorizationUrl", "tokenUrl", "userInfoUrl",
                "companyNames", "rolePrefix", "statusRoleTemplate", "levelRoleTemplate", "accreditedInvestorRole", "webhookSecrets", "webhookAcceptUndated",
                "krakenClientId", "krakenUrl", "krakenPrivateKey", "krakenApiKey", "krakenWebhookSecrets", "krakenConfirmStatus", "krakenLevel",
                "reconcileIntervalMinutes", "statsUrl", "credentialLevel", "credentialCitizenshipBlocklist", "credentialResidencyBlocklist", "credentialMaxAgeDays",
                "credentialAppName", "credentialChallengeSeconds", "credentialsUrl", "credentialsSigner", "credentialOneAccountPerPerson");
    }

    @Test
    void aNewProviderGetsFractalsDefaults() {
        String realm = newRealm("defaults");
        admin.post("/realms/" + realm + "/identity-provider/instances",
                Map.of("alias", "fractal", "providerId", "fractal", "config", Map.of("clientId", "c", "clientSecret", "s")));

        JsonNode idp = admin.get("/realms/" + realm + "/identity-provider/instances/fractal");
        assertThat(idp.path("displayName").asText()).isEqualTo("Verify with Fractal");
        JsonNode config = idp.path("config");
        assertThat(config.path("environment").asText()).isEqualTo("production");
        assertThat(config.path("userInfoShape").asText()).isEqualTo("v2");
        assertThat(config.path("syncMode").asText()).isEqualTo("FORCE");
        assertThat(config.path("clientAuthMethod").asText()).isEqualTo("client_secret_post");
        assertThat(config.path("defaultScope").asText()).as("v2 carries name and country only in verification details")
                .isEqualTo(V2_DEFAULT_SCOPES);
    }

    @Test
    void untouchedScopesFollowTheShapeAndScopesAnAdminWroteStay() {
        String realm = newRealm("scopes");
        String path = "/realms/" + realm + "/identity-provider/instances/fractal";
        admin.post("/realms/" + realm + "/identity-provider/instances",
                Map.of("alias", "fractal", "providerId", "fractal", "config", Map.of("clientId", "c", "clientSecret", "s")));

        ObjectNode toV1 = admin.get(path).deepCopy();
        ((ObjectNode) toV1.path("config")).put("userInfoShape", "v1");
        admin.put(path, toV1);
        assertThat(admin.get(path).path("config").path("defaultScope").asText()).isEqualTo(V1_DEFAULT_SCOPES);

        ObjectNode own = admin.get(path).deepCopy();
        ((ObjectNode) own.path("config")).put("defaultScope", "uid:read contact:read verification.plus:read").put("userInfoShape", "v2");
        admin.put(path, own);
        assertThat(admin.get(path).path("config").path("defaultScope").asText()).isEqualTo("uid:read contact:read verification.plus:read");

        ObjectNode olderRelease = admin.get(path).deepCopy();
        ((ObjectNode) olderRelease.path("config")).put("defaultScope", "uid:read email:read person.full_name:read "
                + "person.residential_address_country:read person.accredited_investor:read verification.v1:read");
        admin.put(path, olderRelease);
        assertThat(admin.get(path).path("config").path("defaultScope").asText())
                .as("0.1.0 saved v1 scopes on the v2 shape; they are a default, not a choice").isEqualTo(V2_DEFAULT_SCOPES);
    }

    @Test
    void everyFieldRoundTripsAndSurvivesExportAndImport() {
        String realm = newRealm("roundtrip");
        admin.post("/realms/" + realm + "/identity-provider/instances", Map.of("alias", "fractal", "providerId", "fractal",
                "displayName", "KYC with Fractal", "storeToken", true, "config", EVERY_FIELD));

        JsonNode saved = admin.get("/realms/" + realm + "/identity-provider/instances/fractal");
        assertThat(saved.path("displayName").asText()).isEqualTo("KYC with Fractal");
        assertThat(saved.path("storeToken").asBoolean()).isTrue();
        assertConfig(saved.path("config"));

        ObjectNode update = saved.deepCopy();
        ((ObjectNode) update.path("config")).put("environment", "staging").put("userInfoShape", "v2")
                .put("authorizationUrl", "").put("tokenUrl", "").put("userInfoUrl", "");
        admin.put("/realms/" + realm + "/identity-provider/instances/fractal", update);
        JsonNode updated = admin.get("/realms/" + realm + "/identity-provider/instances/fractal").path("config");
        assertThat(updated.path("environment").asText()).isEqualTo("staging");
        assertThat(updated.path("userInfoShape").asText()).isEqualTo("v2");
        assertThat(updated.path("authorizationUrl").asText("")).isEmpty();

        admin.put("/realms/" + realm + "/identity-provider/instances/fractal", saved);
        JsonNode export = admin.post("/realms/" + realm + "/partial-export?exportClients=false&exportGroupsAndRoles=false", null);
        JsonNode exported = export.path("identityProviders").get(0);
        assertThat(exported.path("providerId").asText()).isEqualTo("fractal");
        assertConfig(exported.path("config"));

        ObjectNode reimport = (ObjectNode) export.deepCopy();
        ((ObjectNode) reimport.path("identityProviders").get(0).path("config")).put("clientSecret", "s3cret-value");
        admin.delete("/realms/" + realm);
        admin.post("/realms", reimport);
        JsonNode imported = admin.get("/realms/" + realm + "/identity-provider/instances/fractal");
        assertThat(imported.path("displayName").asText()).isEqualTo("KYC with Fractal");
        assertConfig(imported.path("config"));
    }

    @Test
    void aCustomEnvironmentWithoutItsUrlsIsRefusedWithTheMissingSetting() {
        String realm = newRealm("invalid");
        Map<String, String> config = new HashMap<>(EVERY_FIELD);
        config.remove("tokenUrl");

        HttpResponse<String> response = admin.send("POST", "/realms/" + realm + "/identity-provider/instances",
                Map.of("alias", "fractal", "providerId", "fractal", "config", config));

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("token URL");
        assertThat(admin.send("GET", "/realms/" + realm + "/identity-provider/instances/fractal", null).statusCode()).isEqualTo(404);
    }

    @Test
    void anUnknownEnvironmentIsRefused() {
        String realm = newRealm("badenv");
        HttpResponse<String> response = admin.send("POST", "/realms/" + realm + "/identity-provider/instances",
                Map.of("alias", "fractal", "providerId", "fractal", "config", Map.of("clientId", "c", "clientSecret", "s", "environment", "mainnet")));

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("unknown Fractal environment");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "credentialsSigner | 0x1234 | credential signer",
            "credentialLevel | basic+teleport | credential requirement",
            "credentialResidencyBlocklist | US | credential requirement",
            "credentialCitizenshipBlocklist | XX | not an ISO 3166-1",
            "credentialMaxAgeDays | half a year | maximum age",
            "credentialChallengeSeconds | 0 | challenge lifetime",
            "reconcileIntervalMinutes | -5 | reconciliation interval"})
    void walletCredentialSettingsThatCannotWorkAreRefusedAtSave(String key, String value, String named) {
        String realm = newRealm("badcred");
        Map<String, String> config = new HashMap<>(Map.of("clientId", "c", "clientSecret", "s", "credentialLevel", "basic"));
        config.put(key, value);

        HttpResponse<String> response = admin.send("POST", "/realms/" + realm + "/identity-provider/instances",
                Map.of("alias", "fractal", "providerId", "fractal", "config", config));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        assertThat(response.body()).contains(named);
        assertThat(admin.send("GET", "/realms/" + realm + "/identity-provider/instances/fractal", null).statusCode()).isEqualTo(404);
    }

    /** Keycloak never shows a stored client secret back, not even to admins: it reads as the mask. */
    private void assertConfig(JsonNode config) {
        EVERY_FIELD.forEach((key, value) -> {
            String expected = key.equals("clientSecret") ? "**********" : value;
            assertThat(config.path(key).asText()).as(key).isEqualTo(expected);
        });
    }

    private String newRealm(String prefix) {
        String name = prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
        admin.post("/realms", Map.of("realm", name, "enabled", true));
        return name;
    }
}
