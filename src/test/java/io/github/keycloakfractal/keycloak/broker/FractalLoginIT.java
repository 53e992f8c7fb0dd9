package io.github.keycloakfractal.keycloak.broker;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.keycloakfractal.sandbox.FractalSandbox;
import io.github.keycloakfractal.sandbox.SandboxUser;
import io.github.keycloakfractal.testkit.AdminApi;
import io.github.keycloakfractal.testkit.Browser;
import io.github.keycloakfractal.testkit.FractalRealm;
import io.github.keycloakfractal.testkit.FractalSignIn;
import io.github.keycloakfractal.testkit.KeycloakServer;
import io.github.keycloakfractal.testkit.RealKeycloak;
import io.github.keycloakfractal.testkit.pages.KeycloakLoginPage;
import io.github.keycloakfractal.testkit.pages.SandboxAuthorizePage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.openqa.selenium.By;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** "Verify with Fractal" end to end: Keycloak's login page, the sandbox's consent page, back to the account console. */
@ExtendWith(RealKeycloak.class)
class FractalLoginIT {
    private final KeycloakServer keycloak;
    private final FractalSandbox sandbox;
    private final AdminApi admin;

    FractalLoginIT(KeycloakServer keycloak, FractalSandbox sandbox, AdminApi admin) {
        this.keycloak = keycloak;
        this.sandbox = sandbox;
        this.admin = admin;
    }

    @ParameterizedTest(name = "user info {0}")
    @ValueSource(strings = {"v1", "v2"})
    void approvingAtFractalSignsTheUserInWithTheirFractalIdentity(String shape) throws Exception {
        FractalRealm realm = FractalRealm.builder(admin, keycloak, sandbox).userInfoShape(shape).create("login-" + shape);
        SandboxUser alice = sandbox.user("alice");

        try (Browser browser = Browser.open()) {
            browser.open(realm.accountConsoleUrl());
            KeycloakLoginPage login = new KeycloakLoginPage(browser);
            browser.screenshot("login-page-" + shape);

            assertThat(login.fractalButtonText()).isEqualTo("Verify with Fractal");
            assertMarkIsServed(login.fractalMarkImage());

            login.verifyWithFractal().as("alice").approve();
            FractalSignIn.awaitAccountConsole(browser, realm);
        }

        JsonNode user = realm.userLinkedTo(alice.uid());
        assertThat(user).as("user linked to the Fractal uid").isNotNull();
        assertThat(user.path("firstName").asText()).isEqualTo("Alice");
        assertThat(user.path("lastName").asText()).isEqualTo("Approved");
        assertThat(user.path("email").asText()).isEqualTo("alice@example.com");
        assertThat(user.path("emailVerified").asBoolean())
                .as("v2 marks the registration email verified; v1 does not say, so it stays unverified")
                .isEqualTo("v2".equals(shape));
        assertThat(user.path("attributes").path("fractal_country").get(0).asText()).isEqualTo("US");
        assertThat(user.path("attributes").path("fractal_uid").get(0).asText()).isEqualTo(alice.uid());

        JsonNode links = realm.federatedIdentities(user.path("id").asText());
        assertThat(links).hasSize(1);
        assertThat(links.get(0).path("identityProvider").asText()).isEqualTo("fractal");
        assertThat(links.get(0).path("userId").asText()).isEqualTo(alice.uid());
    }

    @Test
    void anEmailFractalCollectedInTheJourneyIsNotMarkedVerified() throws Exception {
        FractalRealm realm = FractalRealm.builder(admin, keycloak, sandbox).userInfoShape("v2").create("journey-email");

        try (Browser browser = Browser.open()) {
            FractalSignIn.signIn(browser, realm, "rita");
        }

        JsonNode user = realm.userLinkedTo(sandbox.user("rita").uid());
        assertThat(user.path("email").asText()).isEqualTo("rita@example.com");
        assertThat(user.path("emailVerified").asBoolean()).isFalse();
    }

    @Test
    void aLaterLoginBringsTheUsersChangedFractalDataIntoKeycloak() throws Exception {
        FractalRealm realm = FractalRealm.builder(admin, keycloak, sandbox).userInfoShape("v1").create("relogin");
        SandboxUser alice = sandbox.user("alice");
        loginAs(realm, "alice");
        String userId = realm.userLinkedTo(alice.uid()).path("id").asText();

        alice.setFullName("Alice Changed");
        alice.setEmail("alice.changed@example.com");
        alice.setResidentialCountry("CA");
        loginAs(realm, "alice");

        JsonNode user = realm.userLinkedTo(alice.uid());
        assertThat(user.path("id").asText()).as("the same Keycloak user, found by uid not email").isEqualTo(userId);
        assertThat(user.path("lastName").asText()).isEqualTo("Changed");
        assertThat(user.path("email").asText()).isEqualTo("alice.changed@example.com");
        assertThat(user.path("attributes").path("fractal_country").get(0).asText()).isEqualTo("CA");
        assertThat(realm.userCount()).isEqualTo(1);
    }

    @Test
    void denyingAtFractalEndsOnAKeycloakErrorAndCreatesNoUser() {
        FractalRealm realm = FractalRealm.builder(admin, keycloak, sandbox).create("deny");

        try (Browser browser = Browser.open()) {
            browser.open(realm.accountConsoleUrl());
            new KeycloakLoginPage(browser).verifyWithFractal().as("alice").deny();

            browser.waitFor(d -> d.getCurrentUrl().startsWith(realm.url()) ? true : null);
            String page = browser.driver().findElement(By.tagName("body")).getText();
            browser.screenshot("login-denied");
            assertThat(page).contains("Access denied when authenticating with Verify with Fractal");
        }
        assertThat(realm.userCount()).isZero();
    }

    @Test
    void aTamperedStateIsRejectedAndCreatesNoUser() throws Exception {
        FractalRealm realm = FractalRealm.builder(admin, keycloak, sandbox).create("state");

        try (Browser browser = Browser.open()) {
            browser.open(realm.accountConsoleUrl());
            SandboxAuthorizePage consent = new KeycloakLoginPage(browser).verifyWithFractal();
            String state = consent.hiddenField("state");
            String redirectUri = consent.hiddenField("redirect_uri");
            String code = codeFromSandbox(consent, "alice");

            long exchangesBefore = sandbox.grantLog().stream().filter("authorization_code"::equals).count();
            String tampered = state.substring(0, state.length() - 2) + (state.endsWith("AA") ? "BB" : "AA");
            browser.open(redirectUri + "?state=" + AdminApi.encode(tampered) + "&code=" + AdminApi.encode(code));
            String page = browser.driver().findElement(By.tagName("body")).getText();
            browser.screenshot("login-tampered-state");

            assertThat(browser.url()).startsWith(realm.url());
            assertThat(page).contains("We are sorry", "Invalid Request");
            assertThat(sandbox.grantLog().stream().filter("authorization_code"::equals).count())
                    .as("the code was never redeemed at Fractal").isEqualTo(exchangesBefore);
        }
        assertThat(realm.userCount()).isZero();
    }

    private static void loginAs(FractalRealm realm, String userKey) {
        try (Browser browser = Browser.open()) {
            FractalSignIn.signIn(browser, realm, userKey);
        }
    }

    /** Approves at the sandbox outside the browser, so the test holds a valid code the browser never used. */
    private String codeFromSandbox(SandboxAuthorizePage consent, String userKey) throws Exception {
        String form = String.join("&",
                "client_id=" + AdminApi.encode(consent.hiddenField("client_id")),
                "redirect_uri=" + AdminApi.encode(consent.hiddenField("redirect_uri")),
                "response_type=code",
                "scope=" + AdminApi.encode(consent.hiddenField("scope")),
                "state=" + AdminApi.encode(consent.hiddenField("state")),
                "user=" + userKey, "decision=approve");
        HttpResponse<Void> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(sandbox.authorizeUrl()))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.discarding());
        String location = response.headers().firstValue("Location").orElseThrow();
        var matcher = Pattern.compile("[?&]code=([^&]+)").matcher(location);
        assertThat(matcher.find()).as(location).isTrue();
        return java.net.URLDecoder.decode(matcher.group(1), java.nio.charset.StandardCharsets.UTF_8);
    }

    private void assertMarkIsServed(String cssBackground) throws Exception {
        var matcher = Pattern.compile("url\\(\"?([^\")]+)\"?\\)").matcher(cssBackground);
        assertThat(matcher.find()).as("the button label has a background image: " + cssBackground).isTrue();
        assertThat(matcher.group(1)).endsWith("/img/fractal-mark.svg");
        HttpResponse<String> svg = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(matcher.group(1))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(svg.statusCode()).isEqualTo(200);
        assertThat(svg.body()).contains("<svg").contains("Fractal");
    }
}
