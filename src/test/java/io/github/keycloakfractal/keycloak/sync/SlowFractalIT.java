package io.github.keycloakfractal.keycloak.sync;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.keycloakfractal.sandbox.FractalSandbox;
import io.github.keycloakfractal.sandbox.SandboxCredentials;
import io.github.keycloakfractal.sandbox.SandboxKraken;
import io.github.keycloakfractal.sandbox.WebhookSender;
import io.github.keycloakfractal.testkit.AdminApi;
import io.github.keycloakfractal.testkit.FractalRealm;
import io.github.keycloakfractal.testkit.KeycloakServer;
import io.github.keycloakfractal.testkit.MetricsScrape;
import io.github.keycloakfractal.testkit.RealKeycloak;
import io.github.keycloakfractal.testkit.SilentHost;
import io.github.keycloakfractal.testkit.TestApp;
import io.github.keycloakfractal.testkit.Wallet;
import io.github.keycloakfractal.testkit.WalletHolder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Callable;

import static io.github.keycloakfractal.sandbox.WebhookSender.kraken;
import static io.github.keycloakfractal.sandbox.WebhookSender.krakenSignature;
import static io.github.keycloakfractal.testkit.JsonErrors.assertRefused;
import static io.github.keycloakfractal.testkit.WalletHolder.viaFractal;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Fractal slow (30 s before it answers) or silent (connections never accepted): every request that needs Fractal
 * answers on its own with a 503 JSON or, for the admin health, with the statistics marked unreachable, and changes
 * nobody; once Fractal is back the same work succeeds. That the wait ended at Keycloak's deadline and not at
 * Fractal's answer shows twice: the answer is a refusal (Fractal's answer, had Keycloak waited for it, would have
 * made it a success), and Keycloak's own {@code fractal_outbound_requests_seconds} counts the call as a
 * {@code timeout}. How long each answer took is printed (a figure, not an assertion): about 10 s (read deadline) and
 * 5 s (connect deadline), as the README documents.
 */
@ExtendWith(RealKeycloak.class)
class SlowFractalIT {
    private static final Duration SLOW = Duration.ofSeconds(30);
    private static final String PASSWORD = "correct horse battery staple";
    private static final String KRAKEN_SECRET = "kraken-whsec-slow-4e1a";

    private final KeycloakServer keycloak;
    private final FractalSandbox sandbox;
    private final AdminApi admin;

    SlowFractalIT(KeycloakServer keycloak, FractalSandbox sandbox, AdminApi admin) {
        this.keycloak = keycloak;
        this.sandbox = sandbox;
        this.admin = admin;
    }

    @Test
    void aRunWhileTheStatisticsAreSlowEndsAtTheReadDeadlineChangesNobodyAndTheNextRunCompletes() throws Exception {
        FractalRealm realm = realm("sf-run", sandbox.statsUrl());
        String alice = realm.createLinkedUser("alice", sandbox.user("alice").uid());
        String manager = manager(realm);
        assertThat(post(realm, manager, "/reconcile").statusCode()).as("a first run, which also fetches the statistics token").isEqualTo(200);
        sandbox.user("alice").reject();
        sandbox.slowAnswers().slowDown(SLOW);
        MetricsScrape before = MetricsScrape.of(keycloak);

        HttpResponse<String> slow = timed("reconciliation run, statistics slow", () -> post(realm, manager, "/reconcile"));

        assertRefused(slow, 503, "fractal_unavailable");
        assertThat(AdminApi.JSON.readTree(slow.body()).path("runs").get(0).path("outcome").asText()).isEqualTo("failed");
        assertThat(timeouts(before, "statistics")).isEqualTo(1.0);
        assertThat(realm.realmRolesOfUser(alice, "fractal-kyc-")).as("nobody changed").containsExactly("fractal-kyc-approved");

        sandbox.slowAnswers().slowDown(Duration.ZERO);
        HttpResponse<String> next = post(realm, manager, "/reconcile");
        assertThat(next.statusCode()).as(next.body()).isEqualTo(200);
        assertThat(realm.realmRolesOfUser(alice, "fractal-kyc-")).containsExactly("fractal-kyc-rejected");
    }

    @Test
    void theAdminHealthSaysTheStatisticsAreUnreachableWhileFractalIsSlow() throws Exception {
        FractalRealm realm = realm("sf-health", sandbox.statsUrl());
        String manager = manager(realm);
        sandbox.slowAnswers().slowDown(SLOW);
        MetricsScrape before = MetricsScrape.of(keycloak);

        HttpResponse<String> health = timed("admin health, Fractal slow", () -> get(realm, manager, "/health"));

        assertThat(health.statusCode()).as(health.body()).isEqualTo(200);
        JsonNode provider = AdminApi.JSON.readTree(health.body()).path("providers").get(0);
        assertThat(provider.path("statistics").path("reachable").asBoolean()).as(health.body()).isFalse();
        assertThat(provider.path("statistics").path("detail").asText()).contains("unreachable");
        assertThat(provider.path("settings").path("client_secret").asText()).as("the rest of the health is there").isEqualTo("set");
        assertThat(timeouts(before, null)).as("the token or the statistics call timed out").isEqualTo(1.0);
    }

    @Test
    void aKrakenWebhookWhileKrakenIsSlowIs503AndItsRetryIsApplied() throws Exception {
        FractalRealm realm = FractalRealm.builder(admin, keycloak, sandbox).userInfoShape("v2")
                .vaultSecret("krakenwebhook", KRAKEN_SECRET).vaultSecret("krakenapikey", SandboxKraken.API_KEY)
                .config("krakenClientId", SandboxKraken.CLIENT_ID).config("krakenUrl", sandbox.krakenUrl())
                .config("krakenWebhookSecrets", "${vault.krakenwebhook}").config("krakenApiKey", "${vault.krakenapikey}")
                .create("sf-kraken");
        String krakenId = sandbox.kraken().addUser("approved");
        String quinn = krakenUser(realm, "quinn", krakenId);
        byte[] body = kraken(krakenId, "approved", "");
        WebhookSender fractal = new WebhookSender(realm.url() + "/fractal/kraken/webhook", KRAKEN_SECRET, Duration.ofSeconds(90));
        sandbox.slowAnswers().slowDown(SLOW);
        MetricsScrape before = MetricsScrape.of(keycloak);

        HttpResponse<String> slow = timed("Kraken webhook, Kraken slow", () -> fractal.deliverSigned(body, krakenSignature(KRAKEN_SECRET, body)));

        assertRefused(slow, 503, "kraken_unavailable");
        assertThat(timeouts(before, "kraken")).isEqualTo(1.0);
        assertThat(realm.realmRolesOfUser(quinn, "fractal-")).as("nothing applied").isEmpty();

        sandbox.slowAnswers().slowDown(Duration.ZERO);
        HttpResponse<String> retry = fractal.deliverSigned(body, krakenSignature(KRAKEN_SECRET, body));
        assertThat(retry.statusCode()).as(retry.body()).isEqualTo(200);
        assertThat(realm.realmRolesOfUser(quinn, "fractal-kyc-")).containsExactly("fractal-kyc-approved");
    }

    @Test
    void aWalletBindWhileTheCredentialsApiIsSlowIs503AndBindsNothing() throws Exception {
        FractalRealm realm = FractalRealm.builder(admin, keycloak, sandbox).userInfoShape("v2")
                .config("credentialsUrl", sandbox.credentialsUrl()).config("credentialsSigner", SandboxCredentials.SIGNER_ADDRESS)
                .config("credentialLevel", "plus+liveness").config("credentialResidencyBlocklist", "US")
                .config("credentialAppName", "Sandbox dApp").create("sf-wallet");
        WalletHolder olga = WalletHolder.signUp(realm, "olga");
        Wallet wallet = Wallet.of(SandboxCredentials.SUBJECT_PRIVATE_KEY);
        String request = viaFractal(olga.challenge(), wallet, wallet);
        sandbox.slowAnswers().slowDown(SLOW);
        MetricsScrape before = MetricsScrape.of(keycloak);

        HttpResponse<String> slow = timed("wallet bind, Credentials API slow", () -> olga.post(request));

        assertRefused(slow, 503, "fractal_unavailable");
        assertThat(timeouts(before, "credentials")).isEqualTo(1.0);
        assertThat(realm.realmRolesOfUser(olga.id(), "fractal-")).isEmpty();
        assertThat(realm.user(olga.id()).path("attributes").has("fractal_wallet_address")).isFalse();

        sandbox.slowAnswers().slowDown(Duration.ZERO);
        // the refused request's challenge was used up; the dApp asks for a new one, as after any refusal
        HttpResponse<String> later = olga.post(viaFractal(olga.challenge(), wallet, wallet));
        assertThat(later.statusCode()).as(later.body()).isEqualTo(200);
        assertThat(olga.refreshedRoles()).contains("fractal-wallet-verified", "fractal-kyc-approved");
    }

    @Test
    void whenFractalsHostNeverAcceptsAConnectionTheConnectDeadlineEndsTheWait() throws Exception {
        try (SilentHost silent = SilentHost.start()) {
            FractalRealm realm = realm("sf-silent", silent.url() + "/v2/stats");
            String alice = realm.createLinkedUser("alice", sandbox.user("alice").uid());
            String manager = manager(realm);
            MetricsScrape before = MetricsScrape.of(keycloak);

            HttpResponse<String> health = timed("admin health, statistics host silent", () -> get(realm, manager, "/health"));
            HttpResponse<String> run = timed("reconciliation run, statistics host silent", () -> post(realm, manager, "/reconcile"));

            assertThat(health.statusCode()).as(health.body()).isEqualTo(200);
            assertThat(AdminApi.JSON.readTree(health.body()).path("providers").get(0).path("statistics").path("reachable").asBoolean()).isFalse();
            assertRefused(run, 503, "fractal_unavailable");
            assertThat(timeouts(before, "statistics")).isEqualTo(2.0);
            assertThat(realm.user(alice).path("attributes").has("fractal_kyc_status")).isFalse();
        }
    }

    @Test
    void aStatisticsAnswerCutOffHalfWayChangesNobodyAndTheNextRunCompletesIt() throws Exception {
        sandbox.stats().addSyntheticUsers(3000, "cut-", "basic", "approved");
        FractalRealm realm = realm("sf-cut", sandbox.statsUrl());
        Map<String, String> linked = Map.of("cut-0", realm.createLinkedUser("first", "cut-0"),
                "cut-1600", realm.createLinkedUser("middle", "cut-1600"), "cut-2999", realm.createLinkedUser("last", "cut-2999"));
        String manager = manager(realm);
        sandbox.stats().cutOffAnswers(true);
        MetricsScrape before = MetricsScrape.of(keycloak);

        HttpResponse<String> cut = post(realm, manager, "/reconcile");

        assertRefused(cut, 503, "fractal_unavailable");
        assertThat(AdminApi.JSON.readTree(cut.body()).path("runs").get(0).path("error").asText())
                .as("the admin learns that the connection broke, not that Fractal sent bad JSON").contains("unreachable");
        assertThat(MetricsScrape.of(keycloak).increase(before, "fractal_outbound_requests_seconds_count",
                Map.of("api", "statistics", "outcome", "unreachable"))).isEqualTo(1.0);
        linked.forEach((uid, id) -> assertThat(realm.user(id).path("attributes").has("fractal_kyc_status")).as(uid).isFalse());

        sandbox.stats().cutOffAnswers(false);
        HttpResponse<String> whole = post(realm, manager, "/reconcile");
        assertThat(whole.statusCode()).as(whole.body()).isEqualTo(200);
        assertThat(AdminApi.JSON.readTree(whole.body()).path("runs").get(0).path("changed").asInt()).isEqualTo(3);
        linked.forEach((uid, id) -> assertThat(realm.realmRolesOfUser(id, "fractal-")).as(uid)
                .containsExactlyInAnyOrder("fractal-kyc-approved", "fractal-level-basic"));
    }

    private FractalRealm realm(String prefix, String statsUrl) {
        return FractalRealm.builder(admin, keycloak, sandbox).userInfoShape("v2").config("statsUrl", statsUrl).create(prefix);
    }

    /** A bearer token of a realm user who holds manage-users. */
    private static String manager(FractalRealm realm) throws Exception {
        realm.grantManageUsers(realm.createLocalUser("manager", PASSWORD));
        return new TestApp(realm).passwordTokens("manager", PASSWORD).accessToken();
    }

    /** A local user whose Kraken journey is under way: the Kraken id is stored, no decision is known yet. */
    private String krakenUser(FractalRealm realm, String username, String krakenId) {
        String id = realm.createLocalUser(username, PASSWORD);
        ObjectNode user = (ObjectNode) realm.user(id);
        ObjectNode attributes = user.has("attributes") ? (ObjectNode) user.get("attributes") : user.putObject("attributes");
        attributes.putArray("fractal_kraken_id").add(krakenId);
        admin.put(realm.adminPath() + "/users/" + id, user);
        return id;
    }

    private HttpResponse<String> post(FractalRealm realm, String token, String path) throws Exception {
        return new TestApp(realm).postWithBearer(keycloak.baseUrl() + "/admin" + realm.adminPath() + "/fractal" + path, token, "");
    }

    private HttpResponse<String> get(FractalRealm realm, String token, String path) throws Exception {
        return new TestApp(realm).getWithBearer(keycloak.baseUrl() + "/admin" + realm.adminPath() + "/fractal" + path, token);
    }

    /** Calls to Fractal that Keycloak counted as timed out since {@code before}, for one API or (null) all. */
    private double timeouts(MetricsScrape before, String api) throws Exception {
        Map<String, String> labels = api == null ? Map.of("outcome", "timeout") : Map.of("api", api, "outcome", "timeout");
        return MetricsScrape.of(keycloak).increase(before, "fractal_outbound_requests_seconds_count", labels);
    }

    /** Runs the call and prints how long its answer took: the figure this test reports, never asserts. */
    private static HttpResponse<String> timed(String what, Callable<HttpResponse<String>> call) throws Exception {
        long started = System.nanoTime();
        HttpResponse<String> answer = call.call();
        System.out.printf("%s: HTTP %d after %.1f s%n", what, answer.statusCode(), (System.nanoTime() - started) / 1e9);
        return answer;
    }
}
