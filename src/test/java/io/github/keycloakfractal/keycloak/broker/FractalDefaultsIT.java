package io.github.keycloakfractal.keycloak.broker;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.keycloakfractal.sandbox.FractalSandbox;
import io.github.keycloakfractal.testkit.AdminApi;
import io.github.keycloakfractal.testkit.Browser;
import io.github.keycloakfractal.testkit.FractalRealm;
import io.github.keycloakfractal.testkit.FractalSignIn;
import io.github.keycloakfractal.testkit.KeycloakServer;
import io.github.keycloakfractal.testkit.RealKeycloak;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.support.ui.ExpectedConditions;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What an admin gets without choosing anything: a provider saved with only its client id and secret signs a person
 * in with name and country, and every {@code fractal_*} attribute has a label in the account and admin consoles.
 */
@ExtendWith(RealKeycloak.class)
class FractalDefaultsIT {
    /** The English labels an admin and a user read, one per attribute of the data model. */
    private static final Map<String, String> LABELS = new LinkedHashMap<>();

    static {
        LABELS.put("fractal_kyc_status", "KYC status");
        LABELS.put("fractal_kyc_levels", "KYC levels");
        LABELS.put("fractal_kyc_note", "KYC note from Fractal");
        LABELS.put("fractal_kyc_updated_at", "KYC updated at");
        LABELS.put("fractal_uid", "Fractal user ID");
        LABELS.put("fractal_kraken_id", "Fractal Kraken user ID");
        LABELS.put("fractal_account_type", "Fractal account type");
        LABELS.put("fractal_full_name", "Full name at Fractal");
        LABELS.put("fractal_company_name", "Company name at Fractal");
        LABELS.put("fractal_country", "Country of residence");
        LABELS.put("fractal_accredited_investor", "Accredited investor");
        LABELS.put("fractal_wallet_address", "Verified wallet address");
        LABELS.put("fractal_id", "Fractal ID of the wallet credential");
        LABELS.put("fractal_credential", "Wallet credential");
        LABELS.put("fractal_credential_valid_until", "Wallet credential valid until");
    }

    private final KeycloakServer keycloak;
    private final FractalSandbox sandbox;
    private final AdminApi admin;

    FractalDefaultsIT(KeycloakServer keycloak, FractalSandbox sandbox, AdminApi admin) {
        this.keycloak = keycloak;
        this.sandbox = sandbox;
        this.admin = admin;
    }

    @Test
    void aProviderSavedWithOnlyClientIdAndSecretSignsAPersonInWithNameAndCountry() throws Exception {
        FractalRealm realm = FractalRealm.builder(admin, keycloak, sandbox).create("defaults-login");
        // the realm's provider again, as the admin console's create page saves it: client id and secret, and (only
        // because Fractal is the sandbox here) its three URLs; no shape, no scopes
        admin.delete(realm.adminPath() + "/identity-provider/instances/" + FractalRealm.ALIAS);
        admin.post(realm.adminPath() + "/identity-provider/instances", Map.of("alias", FractalRealm.ALIAS, "providerId", "fractal",
                "enabled", true, "config", Map.of("clientId", FractalRealm.SANDBOX_CLIENT_ID, "clientSecret", FractalRealm.SANDBOX_CLIENT_SECRET,
                        "environment", "custom", "authorizationUrl", sandbox.authorizeUrl(), "tokenUrl", sandbox.tokenUrl(),
                        "userInfoUrl", sandbox.userInfoV2Url())));
        assertThat(realm.identityProvider().path("config").path("defaultScope").asText())
                .isEqualTo("uid:read contact:read verification.basic:read verification.basic.details:read verification.liveness:read");

        try (Browser browser = Browser.open()) {
            assertThat(FirstLogin.as(browser, realm, "alice", "defaults-login")).isEqualTo(FirstLogin.CONSOLE);
        }

        JsonNode user = realm.userLinkedTo(sandbox.user("alice").uid());
        assertThat(user.path("firstName").asText()).isEqualTo("Alice");
        assertThat(user.path("lastName").asText()).isEqualTo("Approved");
        assertThat(user.path("email").asText()).isEqualTo("alice@example.com");
        assertThat(user.path("attributes").path("fractal_country").get(0).asText()).isEqualTo("US");
        assertThat(user.path("attributes").path("fractal_kyc_status").get(0).asText()).isEqualTo("approved");
    }

    @Test
    void everyFractalAttributeIsDeclaredWithALabelBothConsolesTranslate() throws Exception {
        FractalRealm realm = FractalRealm.builder(admin, keycloak, sandbox).create("labels");

        JsonNode metadata = admin.get(realm.adminPath() + "/users/profile/metadata");
        Map<String, String> declared = new HashMap<>();
        metadata.path("attributes").forEach(a -> declared.put(a.path("name").asText(), a.path("displayName").asText()));
        Map<String, String> account = messages(realm.name(), "account");
        Map<String, String> adminConsole = messages("master", "admin");
        LABELS.forEach((attribute, label) -> {
            assertThat(declared.get(attribute)).as(attribute).isEqualTo("${" + attribute + "}");
            assertThat(account.get(attribute)).as("account console: " + attribute).isEqualTo(label);
            assertThat(adminConsole.get(attribute)).as("admin console: " + attribute).isEqualTo(label);
        });
    }

    @Test
    void declarationsWithoutALabelGetOneAtTheNextSaveAndAnAdminsOwnLabelStays() {
        FractalRealm realm = FractalRealm.builder(admin, keycloak, sandbox).create("labels-upgrade");
        ObjectNode profile = (ObjectNode) admin.get(realm.adminPath() + "/users/profile");
        profile.path("attributes").forEach(attribute -> {
            if (attribute.path("name").asText().equals("fractal_kyc_status")) {
                ((ObjectNode) attribute).remove("displayName");
            }
            if (attribute.path("name").asText().equals("fractal_country")) {
                ((ObjectNode) attribute).put("displayName", "Residence (our wording)");
            }
        });
        admin.put(realm.adminPath() + "/users/profile", profile);

        admin.put(realm.adminPath() + "/identity-provider/instances/" + FractalRealm.ALIAS, realm.identityProvider());

        Map<String, String> declared = new HashMap<>();
        admin.get(realm.adminPath() + "/users/profile").path("attributes")
                .forEach(a -> declared.put(a.path("name").asText(), a.path("displayName").asText()));
        assertThat(declared.get("fractal_kyc_status")).isEqualTo("${fractal_kyc_status}");
        assertThat(declared.get("fractal_country")).isEqualTo("Residence (our wording)");
    }

    @Test
    void theAccountAndAdminConsolesShowTheLabelsNotTheAttributeNames() {
        FractalRealm realm = FractalRealm.builder(admin, keycloak, sandbox).userInfoShape("v2").create("labels-console");

        try (Browser browser = Browser.open()) {
            FractalSignIn.signIn(browser, realm, "alice");
            assertLabelled(browser, "account-console-fractal-labels");
        }
        String alice = realm.userLinkedTo(sandbox.user("alice").uid()).path("id").asText();
        try (Browser browser = Browser.open()) {
            browser.open(keycloak.baseUrl() + "/admin/master/console/#/" + realm.name() + "/users/" + alice + "/settings");
            // the master realm's login page has no Fractal button, so its form is filled here
            browser.waitFor(ExpectedConditions.visibilityOfElementLocated(By.id("username"))).sendKeys(KeycloakServer.ADMIN_USER);
            browser.driver().findElement(By.id("password")).sendKeys(KeycloakServer.ADMIN_PASSWORD);
            browser.driver().findElement(By.id("kc-login")).click();
            assertLabelled(browser, "admin-console-fractal-labels");
        }
    }

    private static void assertLabelled(Browser browser, String screenshot) {
        String page = browser.waitFor(d -> {
            String text = d.findElement(By.tagName("body")).getText();
            return text.contains("KYC status") && text.contains("Country of residence") ? text : null;
        });
        ((JavascriptExecutor) browser.driver()).executeScript("arguments[0].scrollIntoView({block: 'center'});",
                browser.driver().findElement(By.xpath("//*[normalize-space(text())='KYC status']")));
        browser.screenshot(screenshot);
        assertThat(page).contains("KYC status", "Country of residence", "Fractal user ID", "Accredited investor")
                .doesNotContain("fractal_kyc_status", "fractal_country", "fractal_uid");
    }

    /** The message bundle a console loads ({@code /resources/<realm>/<theme type>/en}), as key to text. */
    private Map<String, String> messages(String realm, String themeType) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(keycloak.baseUrl() + "/resources/" + realm + "/" + themeType + "/en")).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        Map<String, String> messages = new HashMap<>();
        AdminApi.JSON.readTree(response.body()).forEach(m -> messages.put(m.path("key").asText(), m.path("value").asText()));
        return messages;
    }
}
