package io.github.keycloakfractal.keycloak.kraken;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.keycloakfractal.sandbox.FractalSandbox;
import io.github.keycloakfractal.sandbox.SandboxKraken;
import io.github.keycloakfractal.sandbox.WebhookSender;
import io.github.keycloakfractal.testkit.AdminApi;
import io.github.keycloakfractal.testkit.Browser;
import io.github.keycloakfractal.testkit.FractalRealm;
import io.github.keycloakfractal.testkit.KeycloakServer;
import io.github.keycloakfractal.testkit.RealKeycloak;
import io.github.keycloakfractal.testkit.TestApp;
import io.github.keycloakfractal.testkit.UserTokens;
import io.github.keycloakfractal.testkit.pages.SandboxKrakenPage;
import io.github.keycloakfractal.testkit.pages.KycActionPage;
import io.github.keycloakfractal.testkit.pages.KeycloakLoginPage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.util.Base64;
import java.util.Map;

import static io.github.keycloakfractal.sandbox.WebhookSender.kraken;
import static io.github.keycloakfractal.sandbox.WebhookSender.krakenSignature;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Kraken journey as the {@code fractal-kyc} required action, in a browser: an application asks for it with
 * {@code kc_action}, the user goes through the sandbox's Kraken journey and comes back through
 * {@code /fractal/kraken/return}; the roles are in the app's next token.
 */
@ExtendWith(RealKeycloak.class)
class KrakenJourneyIT {
    private static final String WEBHOOK_SECRET = "kraken-journey-whsec";
    private static final String PASSWORD = "correct horse battery staple";

    private final KeycloakServer keycloak;
    private final FractalSandbox sandbox;
    private final AdminApi admin;
    private final HttpClient http = HttpClient.newHttpClient();

    KrakenJourneyIT(KeycloakServer keycloak, FractalSandbox sandbox, AdminApi admin) {
        this.keycloak = keycloak;
        this.sandbox = sandbox;
        this.admin = admin;
    }

    @Test
    void anAppSendsASignedInUserThroughKycAndItsNextTokenCarriesTheApproval() throws Exception {
        FractalRealm realm = realmWithSignedLinks("kj-approve", Map.of());
        String userId = realm.createLocalUser("olga", PASSWORD);
        TestApp app = new TestApp(realm);
        try (Browser browser = Browser.open()) {
            UserTokens before = signIn(browser, realm, app, "olga");
            assertThat(before.realmRoles("fractal-")).isEmpty();

            browser.open(app.actionUrl("fractal-kyc"));
            KycActionPage action = new KycActionPage(browser);
            assertThat(action.phase()).isEqualTo("start");
            assertThat(action.text()).contains("verify your identity");
            browser.screenshot("fractal-kyc-start");
            action.start();
            new SandboxKrakenPage(browser).approve();

            String landed = app.awaitReturn(browser);
            assertThat(landed).contains("kc_action_status=success");
            UserTokens after = new UserTokens(app.exchange(landed));
            assertThat(after.realmRoles("fractal-"))
                    .containsExactlyInAnyOrder("fractal-kyc-approved", "fractal-level-basic", "fractal-level-liveness");
        }
        JsonNode user = realm.user(userId);
        String krakenId = user.path("attributes").path("fractal_kraken_id").path(0).asText();
        assertThat(sandbox.kraken().status(krakenId)).isEqualTo("approved");
        assertThat(sandbox.kraken().journeyLog()).last().isEqualTo("token");
        assertThat(realm.realmRolesOfUser(userId, "fractal-kyc-")).containsExactly("fractal-kyc-approved");
    }

    @Test
    void withOnlyAnApiKeyTheQueryFormLinkIsUsedAndTheReturnIsBoundByTheBrowsersSession() throws Exception {
        FractalRealm realm = FractalRealm.builder(admin, keycloak, sandbox).userInfoShape("v2")
                .vaultSecret("krakenapikey", SandboxKraken.API_KEY)
                .config("krakenClientId", SandboxKraken.CLIENT_ID)
                .config("krakenUrl", sandbox.krakenUrl())
                .config("krakenApiKey", "${vault.krakenapikey}")
                .create("kj-query");
        realm.enableKycAction(Map.of());
        sandbox.kraken().registerRedirectUrl(realm.url() + "/fractal/kraken/return");
        String userId = realm.createLocalUser("quinn", PASSWORD);
        TestApp app = new TestApp(realm);
        try (Browser browser = Browser.open()) {
            signIn(browser, realm, app, "quinn");
            browser.open(app.actionUrl("fractal-kyc"));
            new KycActionPage(browser).start();
            new SandboxKrakenPage(browser).approve();

            UserTokens after = new UserTokens(app.exchange(app.awaitReturn(browser)));
            assertThat(after.realmRoles("fractal-kyc-")).containsExactly("fractal-kyc-approved");
        }
        assertThat(sandbox.kraken().journeyLog()).last().isEqualTo("query");
        assertThat(sandbox.kraken().authLog()).last().isEqualTo("api-key");
        assertThat(realm.user(userId).path("attributes").path("fractal_kraken_id").path(0).asText()).isNotBlank();
    }

    @Test
    void aPendingDecisionHoldsTheSignInUntilKrakenApproves() throws Exception {
        FractalRealm realm = realmWithSignedLinks("kj-pending", Map.of());
        String userId = realm.createLocalUser("paul", PASSWORD);
        TestApp app = new TestApp(realm);
        try (Browser browser = Browser.open()) {
            signIn(browser, realm, app, "paul");
            browser.open(app.actionUrl("fractal-kyc"));
            new KycActionPage(browser).start();
            new SandboxKrakenPage(browser).leavePending();

            KycActionPage pending = new KycActionPage(browser);
            assertThat(pending.phase()).isEqualTo("pending");
            assertThat(pending.isHeld()).isTrue();
            assertThat(pending.canContinue()).isFalse();
            assertThat(realm.realmRolesOfUser(userId, "fractal-")).containsExactly("fractal-kyc-pending");

            pending.checkAgain();
            assertThat(new KycActionPage(browser).phase()).as("Kraken has not decided yet").isEqualTo("pending");

            String krakenId = realm.user(userId).path("attributes").path("fractal_kraken_id").path(0).asText();
            sandbox.kraken().setStatus(krakenId, "approved", "");
            new KycActionPage(browser).checkAgain();

            UserTokens after = new UserTokens(app.exchange(app.awaitReturn(browser)));
            assertThat(after.realmRoles("fractal-kyc-")).containsExactly("fractal-kyc-approved");
        }
    }

    @Test
    void aRejectionShowsFractalsNoteAndMayContinueWhenConfigured() throws Exception {
        FractalRealm realm = realmWithSignedLinks("kj-reject", Map.of("whenNotApproved", "continue"));
        String userId = realm.createLocalUser("rosa", PASSWORD);
        TestApp app = new TestApp(realm);
        try (Browser browser = Browser.open()) {
            signIn(browser, realm, app, "rosa");
            browser.open(app.actionUrl("fractal-kyc"));
            new KycActionPage(browser).start();
            new SandboxKrakenPage(browser).reject("document expired");

            KycActionPage rejected = new KycActionPage(browser);
            assertThat(rejected.phase()).isEqualTo("rejected");
            assertThat(rejected.isHeld()).isFalse();
            // Kraken's webhook brings the note; the page shows it once it is there
            String krakenId = realm.user(userId).path("attributes").path("fractal_kraken_id").path(0).asText();
            byte[] body = kraken(krakenId, "rejected", "document expired");
            HttpResponse<String> webhook = new WebhookSender(realm.url() + "/fractal/kraken/webhook", WEBHOOK_SECRET)
                    .deliverSigned(body, krakenSignature(WEBHOOK_SECRET, body));
            assertThat(webhook.statusCode()).as(webhook.body()).isEqualTo(200);
            browser.driver().navigate().refresh();
            KycActionPage withNote = new KycActionPage(browser);
            assertThat(withNote.note()).isEqualTo("Fractal's note: document expired");
            browser.screenshot("fractal-kyc-rejected");

            withNote.continueWithoutApproval();
            UserTokens after = new UserTokens(app.exchange(app.awaitReturn(browser)));
            assertThat(after.realmRoles("fractal-")).containsExactly("fractal-kyc-rejected");
        }
    }

    @Test
    void anAppInitiatedVerificationCanBeCancelledAndAnApprovedUserPassesStraightThrough() throws Exception {
        FractalRealm realm = realmWithSignedLinks("kj-cancel", Map.of());
        realm.createLocalUser("carl", PASSWORD);
        TestApp app = new TestApp(realm);
        try (Browser browser = Browser.open()) {
            signIn(browser, realm, app, "carl");
            browser.open(app.actionUrl("fractal-kyc"));
            new KycActionPage(browser).cancel();
            assertThat(app.awaitReturn(browser)).contains("kc_action_status=cancelled");

            browser.open(app.actionUrl("fractal-kyc"));
            new KycActionPage(browser).start();
            new SandboxKrakenPage(browser).approve();
            assertThat(app.awaitReturn(browser)).contains("kc_action_status=success");

            browser.open(app.actionUrl("fractal-kyc"));
            int journeys = sandbox.kraken().journeyLog().size();
            assertThat(app.awaitReturn(browser)).as("approved already: no second journey").contains("kc_action_status=success");
            assertThat(sandbox.kraken().journeyLog()).hasSize(journeys);
        }
    }

    @Test
    void aReturnLinkFromAnotherBrowsersJourneyIsRefusedAndChangesNothing() throws Exception {
        FractalRealm realm = realmWithSignedLinks("kj-forward", Map.of());
        realm.createLocalUser("mallory", PASSWORD);
        String victimId = realm.createLocalUser("victor", PASSWORD);
        TestApp app = new TestApp(realm);
        String forwardedToken;
        try (Browser attacker = Browser.open()) {
            signIn(attacker, realm, app, "mallory");
            attacker.open(app.actionUrl("fractal-kyc"));
            new KycActionPage(attacker).start();
            // the attacker keeps the return link instead of following it
            sandbox.kraken().registerRedirectUrl(sandbox.baseUrl() + "/test-app/kept");
            new SandboxKrakenPage(attacker).approve();
            String kept = attacker.waitFor(d -> d.getCurrentUrl().contains("oneTimeToken=") ? d.getCurrentUrl() : null);
            forwardedToken = kept.substring(kept.indexOf("oneTimeToken=") + "oneTimeToken=".length());
            sandbox.kraken().registerRedirectUrl(realm.url() + "/fractal/kraken/return");
        }
        try (Browser victim = Browser.open()) {
            signIn(victim, realm, app, "victor");
            victim.open(app.actionUrl("fractal-kyc"));
            new KycActionPage(victim).start();
            victim.open(realm.url() + "/fractal/kraken/return?oneTimeToken=" + forwardedToken);
            String page = victim.waitFor(d -> d.getPageSource().contains("not started in this browser") ? d.getPageSource() : null);
            assertThat(page).contains("not started in this browser");
        }
        JsonNode victimNow = realm.user(victimId);
        assertThat(victimNow.path("attributes").has("fractal_kraken_id")).isFalse();
        assertThat(realm.realmRolesOfUser(victimId, "fractal-")).isEmpty();
    }

    @Test
    void aReturnWithoutAJourneyOrTokenIsAClear4xx() throws Exception {
        FractalRealm realm = realmWithSignedLinks("kj-bad", Map.of());
        String returnUrl = realm.url() + "/fractal/kraken/return";

        HttpResponse<String> noToken = get(returnUrl, "application/json");
        assertThat(noToken.statusCode()).isEqualTo(400);
        assertThat(AdminApi.JSON.readTree(noToken.body()).path("error").asText()).isEqualTo("invalid_request");

        HttpResponse<String> malformed = get(returnUrl + "?oneTimeToken=%3Cscript%3E", "application/json");
        assertThat(malformed.statusCode()).isEqualTo(400);
        assertThat(AdminApi.JSON.readTree(malformed.body()).path("error").asText()).isEqualTo("invalid_request");

        HttpResponse<String> noJourney = get(returnUrl + "?oneTimeToken=abcdefgh12345678", "application/json");
        assertThat(noJourney.statusCode()).isEqualTo(400);
        assertThat(AdminApi.JSON.readTree(noJourney.body()).path("error").asText()).isEqualTo("no_journey");

        HttpResponse<String> inABrowser = get(returnUrl + "?oneTimeToken=abcdefgh12345678", "text/html,application/xhtml+xml,*/*;q=0.8");
        assertThat(inABrowser.statusCode()).isEqualTo(400);
        assertThat(inABrowser.headers().firstValue("Content-Type").orElse("")).startsWith("text/html");
        assertThat(inABrowser.body()).contains("no identity verification under way");
    }

    private FractalRealm realmWithSignedLinks(String prefix, Map<String, String> actionConfig) throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp521r1"));
        KeyPair keys = generator.generateKeyPair();
        sandbox.kraken().registerPublicKey(keys.getPublic());
        String pem = "-----BEGIN PRIVATE KEY-----\n" + Base64.getMimeEncoder().encodeToString(keys.getPrivate().getEncoded())
                + "\n-----END PRIVATE KEY-----\n";
        FractalRealm realm = FractalRealm.builder(admin, keycloak, sandbox).userInfoShape("v2")
                .vaultSecret("krakenprivatekey", pem)
                .vaultSecret("krakenwebhook", WEBHOOK_SECRET)
                .config("krakenClientId", SandboxKraken.CLIENT_ID)
                .config("krakenUrl", sandbox.krakenUrl())
                .config("krakenPrivateKey", "${vault.krakenprivatekey}")
                .config("krakenWebhookSecrets", "${vault.krakenwebhook}")
                .create(prefix);
        realm.enableKycAction(actionConfig);
        sandbox.kraken().registerRedirectUrl(realm.url() + "/fractal/kraken/return");
        return realm;
    }

    private static UserTokens signIn(Browser browser, FractalRealm realm, TestApp app, String username) throws Exception {
        browser.open(app.authorizationUrl());
        new KeycloakLoginPage(browser).signIn(username, PASSWORD);
        return new UserTokens(app.exchange(app.awaitReturn(browser)));
    }

    private HttpResponse<String> get(String url, String accept) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).header("Accept", accept).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
