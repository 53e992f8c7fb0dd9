package io.github.keycloakfractal.keycloak.broker;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.keycloakfractal.sandbox.FractalSandbox;
import io.github.keycloakfractal.testkit.AdminApi;
import io.github.keycloakfractal.testkit.Browser;
import io.github.keycloakfractal.testkit.FractalRealm;
import io.github.keycloakfractal.testkit.KeycloakServer;
import io.github.keycloakfractal.testkit.RealKeycloak;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A company signs in with "Verify with Fractal" and lands in the account console with a complete profile: no
 * "Update Account Information" form asking a company for a family name, in both user-info shapes, and no invented
 * person in the names (the sandbox's institution is "Acme Holdings Ltd").
 */
@ExtendWith(RealKeycloak.class)
class InstitutionSignInIT {
    private final KeycloakServer keycloak;
    private final FractalSandbox sandbox;
    private final AdminApi admin;

    InstitutionSignInIT(KeycloakServer keycloak, FractalSandbox sandbox, AdminApi admin) {
        this.keycloak = keycloak;
        this.sandbox = sandbox;
        this.admin = admin;
    }

    @ParameterizedTest(name = "user info {0}, company names {1}")
    @CsvSource(delimiter = '|', value = {
            "v1 | (default) | Acme Holdings     | Ltd",
            "v2 | (default) | Acme Holdings     | Ltd",
            "v2 | both      | Acme Holdings Ltd | Acme Holdings Ltd"})
    void aCompanySignsInWithoutTheProfileForm(String shape, String rule, String firstName, String lastName) {
        FractalRealm.Builder builder = FractalRealm.builder(admin, keycloak, sandbox).userInfoShape(shape);
        if (!rule.equals("(default)")) {
            builder.config("companyNames", rule);
        }
        FractalRealm realm = builder.create("company-" + shape);

        try (Browser browser = Browser.open()) {
            assertThat(FirstLogin.as(browser, realm, "acme", "institution-" + shape + "-" + rule)).isEqualTo(FirstLogin.CONSOLE);
        }

        JsonNode user = realm.userLinkedTo(sandbox.user("acme").uid());
        assertThat(user.path("firstName").asText()).isEqualTo(firstName);
        assertThat(user.path("lastName").asText()).isEqualTo(lastName);
        assertThat(user.path("email").asText()).isEqualTo("ops@acme.example");
        JsonNode attributes = user.path("attributes");
        assertThat(attributes.path("fractal_account_type").get(0).asText()).isEqualTo("institution");
        assertThat(attributes.path("fractal_company_name").get(0).asText()).isEqualTo("Acme Holdings Ltd");
        assertThat(attributes.path("fractal_country").get(0).asText()).isEqualTo("DE");
        assertThat(attributes.has("fractal_full_name")).as("a company has no person's name").isFalse();
    }
}
