package io.github.keycloakfractal.keycloak.broker;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.keycloakfractal.sandbox.FractalSandbox;
import io.github.keycloakfractal.testkit.AdminApi;
import io.github.keycloakfractal.testkit.FractalRealm;
import io.github.keycloakfractal.testkit.FractalSignIn;
import io.github.keycloakfractal.testkit.KeycloakServer;
import io.github.keycloakfractal.testkit.RealKeycloak;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The two Fractal mappers, configured through the admin API, on first and later logins in each sync mode. */
@ExtendWith(RealKeycloak.class)
class FractalMappersIT {
    private final KeycloakServer keycloak;
    private final FractalSandbox sandbox;
    private final AdminApi admin;

    FractalMappersIT(KeycloakServer keycloak, FractalSandbox sandbox, AdminApi admin) {
        this.keycloak = keycloak;
        this.sandbox = sandbox;
        this.admin = admin;
    }

    @Test
    void bothMappersAreOfferedForTheFractalProvider() {
        FractalRealm realm = FractalRealm.builder(admin, keycloak, sandbox).create("mapper-types");

        JsonNode types = admin.get(realm.adminPath() + "/identity-provider/instances/fractal/mapper-types");

        assertThat(types.has("fractal-attribute-importer")).isTrue();
        assertThat(types.has("fractal-kyc-role-mapper")).isTrue();
        List<String> fields = new ArrayList<>();
        types.path("fractal-attribute-importer").path("properties").get(0).path("options").forEach(o -> fields.add(o.asText()));
        assertThat(fields).containsExactly("full_name", "first_name", "last_name", "residential_country", "accredited_investor",
                "email", "company_name", "account_type", "uid", "levels");
    }

    /** First login imports; then the country changes at Fractal and the accredited flag stops being shared. */
    @ParameterizedTest(name = "{0}")
    @CsvSource({"IMPORT, US", "FORCE, CA", "LEGACY, CA"})
    void attributeImporterFollowsItsSyncModeAndNeverClearsOnAnAbsentFact(String syncMode, String countryAfter) throws Exception {
        FractalRealm realm = FractalRealm.builder(admin, keycloak, sandbox).userInfoShape("v1").create("importer-" + syncMode.toLowerCase());
        realm.addMapper("country", "fractal-attribute-importer",
                Map.of("syncMode", syncMode, "fractalField", "residential_country", "user.attribute", "home_country"));
        realm.addMapper("accredited", "fractal-attribute-importer",
                Map.of("syncMode", syncMode, "fractalField", "accredited_investor", "user.attribute", "accredited"));
        realm.addMapper("levels", "fractal-attribute-importer",
                Map.of("syncMode", syncMode, "fractalField", "levels", "user.attribute", "kyc_levels_copy"));

        FractalSignIn.signInAndGetTokens(realm, "alice");
        JsonNode first = attributes(realm, "alice");
        assertThat(values(first, "home_country")).containsExactly("US");
        assertThat(values(first, "accredited")).containsExactly("true");
        assertThat(values(first, "kyc_levels_copy")).containsExactlyInAnyOrder("basic", "liveness");

        sandbox.user("alice").setResidentialCountry("CA");
        stopSharing(realm, "person.accredited_investor:read");
        FractalSignIn.signInAndGetTokens(realm, "alice");

        JsonNode second = attributes(realm, "alice");
        assertThat(values(second, "home_country")).containsExactly(countryAfter);
        assertThat(values(second, "accredited")).as("a fact Fractal no longer sends is kept").containsExactly("true");
    }

    /** acme is approved with plus, then rejected, then approved again; one login after each. */
    @ParameterizedTest(name = "{0}")
    @CsvSource({"IMPORT, true, true", "FORCE, false, true", "LEGACY, false, false"})
    void kycRoleMapperFollowsItsSyncMode(String syncMode, boolean afterRejection, boolean afterReapproval) throws Exception {
        FractalRealm realm = FractalRealm.builder(admin, keycloak, sandbox).create("rolemapper-" + syncMode.toLowerCase());
        admin.post(realm.adminPath() + "/roles", Map.of("name", "premium-investor"));
        realm.addMapper("premium", "fractal-kyc-role-mapper",
                Map.of("syncMode", syncMode, "role", "premium-investor", "kycStatus", "approved", "kycLevels", "plus"));

        assertThat(hasPremium(realm)).as("approved with plus at first login").isTrue();
        sandbox.user("acme").reject();
        assertThat(hasPremium(realm)).as("after rejection").isEqualTo(afterRejection);
        sandbox.user("acme").approve();
        assertThat(hasPremium(realm)).as("after approval again").isEqualTo(afterReapproval);
    }

    @Test
    void kycRoleMapperRequiresEveryConfiguredLevel() throws Exception {
        FractalRealm realm = FractalRealm.builder(admin, keycloak, sandbox).create("rolemapper-levels");
        admin.post(realm.adminPath() + "/roles", Map.of("name", "premium-investor"));
        realm.addMapper("premium", "fractal-kyc-role-mapper",
                Map.of("syncMode", "FORCE", "role", "premium-investor", "kycStatus", "approved", "kycLevels", "plus"));

        assertThat(FractalSignIn.signInAndGetTokens(realm, "alice").realmRoles())
                .as("alice is approved with basic+liveness, not plus").doesNotContain("premium-investor");
    }

    private boolean hasPremium(FractalRealm realm) throws Exception {
        return FractalSignIn.signInAndGetTokens(realm, "acme").realmRoles().contains("premium-investor");
    }

    private void stopSharing(FractalRealm realm, String scope) {
        ObjectNode idp = (ObjectNode) realm.identityProvider();
        ObjectNode config = (ObjectNode) idp.path("config");
        config.put("defaultScope", config.path("defaultScope").asText().replace(scope, "").replaceAll("\\s+", " ").trim());
        admin.put(realm.adminPath() + "/identity-provider/instances/fractal", idp);
    }

    private JsonNode attributes(FractalRealm realm, String user) {
        return realm.userLinkedTo(sandbox.user(user).uid()).path("attributes");
    }

    private static List<String> values(JsonNode attributes, String name) {
        List<String> values = new ArrayList<>();
        attributes.path(name).forEach(v -> values.add(v.asText()));
        return values;
    }
}
