package io.github.keycloakfractal.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The sandbox's statistics API against Fractal's contract (fractal-api.md section 7): a client-credentials token with
 * {@code client.stats:read}, rows derived from the users' current cases, both shapes of {@code user-verifications},
 * the counts, the refusals, the outage switch and the synthetic users of the benchmark.
 */
class StatsApiTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CALLBACK = "https://app.example/callback";

    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
    private MutableClock clock;
    private FractalSandbox sandbox;
    private SandboxStats stats;
    private String token;

    @BeforeEach
    void start() throws Exception {
        clock = MutableClock.startingNow();
        sandbox = FractalSandbox.start(0, clock);
        stats = sandbox.stats();
        token = clientToken("client.stats:read");
    }

    @AfterEach
    void stop() {
        sandbox.close();
    }

    @Test
    void theSeededUsersAreOneRowPerCase() throws Exception {
        HttpResponse<String> response = stats("user-verifications", token);

        assertThat(sandbox.statsUrl()).isEqualTo(sandbox.baseUrl() + "/v2/stats");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("application/json"));
        JsonNode rows = JSON.readTree(response.body());
        assertThat(rows.isArray()).isTrue();
        rows.forEach(row -> assertThat(fieldNames(row)).containsExactly("user_id", "level", "credential"));
        assertThat(rows(rows)).containsExactly(
                uid("alice") + " basic+liveness approved",
                uid("acme") + " plus approved",
                uid("pete") + " basic+liveness pending",
                uid("rita") + " plus+liveness rejected");
    }

    @Test
    void everyCaseOfAUserIsARowAndUsersWithoutCasesAreLeftOut() throws Exception {
        sandbox.user("alice").setCase("plus", "contacted", "pending").setCase("wallet-eth", "pending", "pending");
        sandbox.user("acme").clearCases();
        sandbox.addUser(SandboxUser.person("nora", "5e6f7a8b-9c0d-4e1f-8a2b-3c4d5e6f7a55", "Nora No-Case"));

        assertThat(rows(json(stats("user-verifications", token)))).containsExactly(
                uid("alice") + " basic+liveness approved",
                uid("alice") + " plus contacted",
                uid("alice") + " wallet-eth pending",
                uid("pete") + " basic+liveness pending",
                uid("rita") + " plus+liveness rejected");
        assertThat(json(stats("user-verifications", token)).toString()).doesNotContain(uid("acme"), "5e6f7a8b");
    }

    @Test
    void aCaseBecomesARowByItsCredentialThenItsStatus() {
        // the credential decides when it is an outcome
        assertThat(StatsOutcomes.of("done", "approved")).isEqualTo("approved");
        assertThat(StatsOutcomes.of("done", "rejected")).isEqualTo("rejected");
        assertThat(StatsOutcomes.of("done", "expired")).isEqualTo("expired");
        assertThat(StatsOutcomes.of("contacted", "approved")).isEqualTo("approved");
        // else the user having to act
        assertThat(StatsOutcomes.of("contacted", "pending")).isEqualTo("contacted");
        // else pending
        assertThat(StatsOutcomes.of("pending", "pending")).isEqualTo("pending");
        assertThat(StatsOutcomes.of("done", "pending")).isEqualTo("pending");
        assertThat(StatsOutcomes.of("done", "something-new")).isEqualTo("pending");
        // the 2024-07 examples: no credential, the outcome in status
        assertThat(StatsOutcomes.of("approved", null)).isEqualTo("approved");
        assertThat(StatsOutcomes.of("rejected", null)).isEqualTo("rejected");
        assertThat(StatsOutcomes.of("contacted", null)).isEqualTo("contacted");
        assertThat(StatsOutcomes.of("pending", null)).isEqualTo("pending");
        assertThat(StatsOutcomes.of("done", null)).isEqualTo("pending");
    }

    @Test
    void theOriginalShapeIsEachUsersOverallStatus() throws Exception {
        stats.useOriginalShape(true);
        JsonNode original = json(stats("user-verifications", token));

        assertThat(original.isObject()).isTrue();
        assertThat(fieldNames(original)).containsExactly(uid("alice"), uid("acme"), uid("pete"), uid("rita"));
        assertThat(original.path(uid("alice")).asText()).isEqualTo("approved");
        assertThat(original.path(uid("acme")).asText()).isEqualTo("approved");
        assertThat(original.path(uid("pete")).asText()).isEqualTo("pending");
        assertThat(original.path(uid("rita")).asText()).isEqualTo("rejected");

        stats.useOriginalShape(false);
        assertThat(json(stats("user-verifications", token)).isArray()).isTrue();
    }

    @Test
    void theOverallStatusTakesTheBestCase() throws Exception {
        addUser("u1", "US", "pending", "pending", "contacted", "pending");
        addUser("u2", "US", "contacted", "pending", "done", "expired");
        addUser("u3", "US", "done", "expired", "done", "rejected");
        addUser("u4", "US", "done", "rejected", "done", "approved");
        addUser("u5", "US", "pending", "pending", "pending", "pending");
        stats.useOriginalShape(true);

        JsonNode original = json(stats("user-verifications", token));

        assertThat(original.path(uid("u1")).asText()).isEqualTo("contacted");
        assertThat(original.path(uid("u2")).asText()).isEqualTo("expired");
        assertThat(original.path(uid("u3")).asText()).isEqualTo("rejected");
        assertThat(original.path(uid("u4")).asText()).isEqualTo("approved");
        assertThat(original.path(uid("u5")).asText()).isEqualTo("pending");
        assertThat(StatsOutcomes.overall(List.of())).isEqualTo("pending");
    }

    @Test
    void statusesChangedBehindKeycloaksBackShowUpOnTheNextCall() throws Exception {
        assertThat(rows(json(stats("user-verifications", token)))).contains(uid("pete") + " basic+liveness pending");

        sandbox.user("pete").approve();
        sandbox.user("rita").setPending();
        sandbox.user("alice").setCase("basic+liveness", "contacted", "pending");
        sandbox.user("acme").reject();

        assertThat(rows(json(stats("user-verifications", token)))).containsExactly(
                uid("alice") + " basic+liveness contacted",
                uid("acme") + " plus rejected",
                uid("pete") + " basic+liveness approved",
                uid("rita") + " plus+liveness pending");
        assertThat(json(stats("total-verifications", token)).toString())
                .isEqualTo("{\"approved\":1,\"contacted\":1,\"rejected\":1,\"pending\":1}");
    }

    @Test
    void anExpiredCredentialIsExpiredEverywhere() throws Exception {
        assertThat(json(stats("total-verifications", token)).has("expired")).isFalse();

        sandbox.user("alice").setCase("basic+liveness", "done", "expired");

        assertThat(rows(json(stats("user-verifications", token)))).contains(uid("alice") + " basic+liveness expired");
        assertThat(json(stats("total-verifications", token)).toString())
                .isEqualTo("{\"approved\":1,\"contacted\":0,\"rejected\":1,\"pending\":1,\"expired\":1}");
        assertThat(json(stats("country-verifications", token)).path("US").toString()).isEqualTo("{\"expired\":1}");
        stats.useOriginalShape(true);
        assertThat(json(stats("user-verifications", token)).path(uid("alice")).asText()).isEqualTo("expired");
    }

    @Test
    void totalsCountUsersByOverallStatusWithAllFourDocumentedKeys() throws Exception {
        assertThat(json(stats("total-verifications", token)).toString())
                .isEqualTo("{\"approved\":2,\"contacted\":0,\"rejected\":1,\"pending\":1}");

        sandbox.user("alice").setCase("plus", "done", "rejected");
        sandbox.user("pete").setCase("basic+liveness", "contacted", "pending");

        // alice has an approved and a rejected case: one user, counted once, as approved
        assertThat(json(stats("total-verifications", token)).toString())
                .isEqualTo("{\"approved\":2,\"contacted\":1,\"rejected\":1,\"pending\":0}");
    }

    @Test
    void countriesAreKeyedByResidenceWithoutZeroCounts() throws Exception {
        assertThat(json(stats("country-verifications", token)).toString()).isEqualTo(
                "{\"DE\":{\"approved\":1},\"FR\":{\"rejected\":1},\"GB\":{\"pending\":1},\"US\":{\"approved\":1}}");

        addUser("u1", "US", "contacted", "pending", null, null);
        addUser("u2", "US", "pending", "pending", null, null);
        addUser("u3", "DE", "done", "approved", null, null);
        addUser("u4", null, "done", "approved", null, null);
        sandbox.user("rita").setResidentialCountry("US");

        assertThat(json(stats("country-verifications", token)).toString()).isEqualTo(
                "{\"DE\":{\"approved\":2},\"GB\":{\"pending\":1},"
                        + "\"US\":{\"approved\":1,\"contacted\":1,\"rejected\":1,\"pending\":1}}");
        assertThat(json(stats("total-verifications", token)).path("approved").asInt()).isEqualTo(4);
    }

    @Test
    void aMissingUnknownOrExpiredTokenIsInvalidToken() throws Exception {
        for (String report : List.of("user-verifications", "total-verifications", "country-verifications")) {
            assertInvalidToken(stats(report, null));
            assertInvalidToken(stats(report, "not-a-token"));
        }
        HttpResponse<String> basic = http.send(HttpRequest.newBuilder(URI.create(sandbox.statsUrl() + "/user-verifications"))
                .header("Authorization", "Basic c2FuZGJveC1jbGllbnQ6c2FuZGJveC1zZWNyZXQ=").GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertInvalidToken(basic);

        clock.advance(TokenStore.DEFAULT_ACCESS_TOKEN_LIFETIME);

        assertInvalidToken(stats("user-verifications", token));
        assertThat(stats("user-verifications", clientToken("client.stats:read")).statusCode()).isEqualTo(200);
    }

    @Test
    void aTokenWithoutTheStatsScopeIsInsufficientScope() throws Exception {
        String clientWithoutStats = clientToken(null);
        String user = userToken("alice");

        for (String report : List.of("user-verifications", "total-verifications", "country-verifications")) {
            assertRefused(stats(report, clientWithoutStats), 403, "insufficient_scope");
            assertRefused(stats(report, user), 403, "insufficient_scope");
        }
        // and the user token still reads its user, on the neighbouring /v2/users/me context
        HttpResponse<String> me = http.send(HttpRequest.newBuilder(URI.create(sandbox.userInfoV2Url()))
                .header("Authorization", "Bearer " + user).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(me.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(me.body()).path("uid").asText()).isEqualTo(uid("alice"));
    }

    @Test
    void aTokenWithTheStatsScopeAmongOthersIsEnough() throws Exception {
        assertThat(stats("total-verifications", clientToken("uid:read client.stats:read")).statusCode()).isEqualTo(200);
    }

    @Test
    void otherPathsAndMethodsAreRefused() throws Exception {
        assertThat(stats("everything", token).statusCode()).isEqualTo(404);
        assertThat(stats("user-verifications/", token).statusCode()).isEqualTo(404);
        assertThat(stats("", token).statusCode()).isEqualTo(404);
        HttpResponse<String> post = http.send(HttpRequest.newBuilder(URI.create(sandbox.statsUrl() + "/total-verifications"))
                .header("Authorization", "Bearer " + token).POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(post.statusCode()).isEqualTo(405);
    }

    @Test
    void whileDownEveryStatsRequestIsA503() throws Exception {
        stats.setDown(true);

        for (String report : List.of("user-verifications", "total-verifications", "country-verifications")) {
            for (String bearer : new String[] {token, null}) {
                HttpResponse<String> response = stats(report, bearer);
                assertThat(response.statusCode()).isEqualTo(503);
                assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("application/json"));
                assertThat(JSON.readTree(response.body()).path("error").asText()).isEqualTo("service_unavailable");
            }
        }
        assertThat(stats.requestCount()).isEqualTo(6);

        stats.setDown(false);
        assertThat(stats("user-verifications", token).statusCode()).isEqualTo(200);
        assertThat(stats.requestCount()).isEqualTo(7);
    }

    @Test
    void aCutOffAnswerAnnouncesTheWholeBodyAndEndsHalfWay() throws Exception {
        stats.addSyntheticUsers(2_000, "cut-", "basic", "approved");
        int whole = stats("user-verifications", token).body().getBytes(StandardCharsets.UTF_8).length;
        stats.cutOffAnswers(true);

        HttpResponse<java.io.InputStream> cut = http.send(HttpRequest.newBuilder(URI.create(sandbox.statsUrl() + "/user-verifications"))
                .header("Authorization", "Bearer " + token).GET().build(), HttpResponse.BodyHandlers.ofInputStream());
        assertThat(cut.statusCode()).isEqualTo(200);
        assertThat(cut.headers().firstValueAsLong("Content-Length")).hasValue(whole);
        byte[] received = new byte[whole];
        int read = 0;
        try (java.io.InputStream body = cut.body()) {
            for (int n; read < whole && (n = body.read(received, read, whole - read)) >= 0; ) {
                read += n;
            }
        } catch (IOException dropped) {
            // the connection ended before the announced length: what the switch is for
        }
        assertThat(read).isEqualTo(whole / 2);
        assertThat(stats("total-verifications", token).statusCode()).as("the counts are whole").isEqualTo(200);

        stats.cutOffAnswers(false);
        assertThat(stats("user-verifications", token).body().getBytes(StandardCharsets.UTF_8)).hasSize(whole);
    }

    @Test
    void aSlowedDownSandboxHoldsItsApisButNotItsPagesUntilReset() throws Exception {
        sandbox.slowAnswers().slowDown(Duration.ofSeconds(30));
        HttpRequest statistics = HttpRequest.newBuilder(URI.create(sandbox.statsUrl() + "/total-verifications"))
                .header("Authorization", "Bearer " + token).GET().build();

        var waiting = http.sendAsync(statistics, HttpResponse.BodyHandlers.ofString());
        while (sandbox.slowAnswers().delayedCount() < 1) {
            Thread.sleep(20);
        }
        assertThat(http.send(HttpRequest.newBuilder(URI.create(sandbox.baseUrl() + "/")).GET().build(),
                HttpResponse.BodyHandlers.ofString()).statusCode()).as("the index page is not held").isEqualTo(200);
        assertThat(waiting).as("the statistics are held").isNotDone();

        sandbox.resetUsers();
        assertThat(waiting.get().statusCode()).as("released by the reset").isEqualTo(200);
        assertThat(http.send(statistics, HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);
        assertThat(sandbox.slowAnswers().delayedCount()).isZero();
    }

    @Test
    void everyRequestIsCounted() throws Exception {
        assertThat(stats.requestCount()).isZero();

        stats("user-verifications", token);
        stats("total-verifications", null);
        stats("nowhere", token);

        assertThat(stats.requestCount()).isEqualTo(3);
    }

    @Test
    void tenThousandSyntheticUsersAreListedButNotOnTheConsentPage() throws Exception {
        stats.addSyntheticUsers(10_000, "synthetic-", "basic+liveness", "approved");
        stats.setSyntheticCredential("synthetic-42", "rejected");
        stats.setSyntheticCredential("synthetic-43", "expired");

        JsonNode rows = json(stats("user-verifications", token));

        assertThat(rows.size()).isEqualTo(4 + 10_000);
        assertThat(rows.get(4).toString()).isEqualTo("{\"user_id\":\"synthetic-0\",\"level\":\"basic+liveness\",\"credential\":\"approved\"}");
        assertThat(rows.get(4 + 42).path("credential").asText()).isEqualTo("rejected");
        assertThat(rows.get(4 + 43).path("credential").asText()).isEqualTo("expired");
        assertThat(rows.get(4 + 9_999).path("user_id").asText()).isEqualTo("synthetic-9999");
        assertThat(json(stats("total-verifications", token)).toString())
                .isEqualTo("{\"approved\":10000,\"contacted\":0,\"rejected\":2,\"pending\":1,\"expired\":1}");
        // no residence: they are not in any country
        assertThat(json(stats("country-verifications", token)).toString()).isEqualTo(
                "{\"DE\":{\"approved\":1},\"FR\":{\"rejected\":1},\"GB\":{\"pending\":1},\"US\":{\"approved\":1}}");
        stats.useOriginalShape(true);
        JsonNode original = json(stats("user-verifications", token));
        assertThat(original.size()).isEqualTo(4 + 10_000);
        assertThat(original.path("synthetic-42").asText()).isEqualTo("rejected");

        assertThat(stats.syntheticUserCount()).isEqualTo(10_000);
        assertThat(sandbox.users()).hasSize(4);
        HttpResponse<String> consent = http.send(HttpRequest.newBuilder(URI.create(sandbox.authorizeUrl() + "?client_id="
                + FractalSandbox.DEFAULT_CLIENT_ID + "&redirect_uri=" + enc(CALLBACK) + "&response_type=code&scope=uid:read&state=s"))
                .GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(consent.statusCode()).isEqualTo(200);
        assertThat(consent.body()).doesNotContain("synthetic-");
    }

    @Test
    void syntheticUsersAreCheckedWhenAddedAndChanged() {
        stats.addSyntheticUsers(3, "s-", "plus", "pending");

        assertThatThrownBy(() -> stats.addSyntheticUsers(5, "s-", "plus", "pending"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("s-0");
        assertThat(stats.syntheticUserCount()).isEqualTo(3);
        String alice = uid("alice");
        // prefix + 61 would be alice's uid
        assertThatThrownBy(() -> stats.addSyntheticUsers(62, alice.substring(0, alice.length() - 2),
                "plus", "pending")).isInstanceOf(IllegalArgumentException.class).hasMessageContaining(alice);
        assertThatThrownBy(() -> stats.addSyntheticUsers(1, "t-", "plus", "done")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> stats.addSyntheticUsers(1, "t-", " ", "approved")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> stats.addSyntheticUsers(-1, "t-", "plus", "approved")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> stats.setSyntheticCredential("s-3", "approved")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> stats.setSyntheticCredential("s-0", "done")).isInstanceOf(IllegalArgumentException.class);
        assertThat(stats.syntheticUserCount()).isEqualTo(3);
    }

    @Test
    void resetUsersPutsTheStatsBackToTheirStart() throws Exception {
        stats.useOriginalShape(true);
        stats.setDown(true);
        stats.addSyntheticUsers(10, "s-", "plus", "approved");
        sandbox.user("pete").approve();
        stats("user-verifications", token);

        sandbox.resetUsers();

        assertThat(stats.requestCount()).isZero();
        assertThat(stats.syntheticUserCount()).isZero();
        assertThat(rows(json(stats("user-verifications", token)))).containsExactly(
                uid("alice") + " basic+liveness approved",
                uid("acme") + " plus approved",
                uid("pete") + " basic+liveness pending",
                uid("rita") + " plus+liveness rejected");
        assertThat(stats.requestCount()).isEqualTo(1);
    }

    /** A user with a fixed uid derived from the key and up to two cases ({@code plus}, then {@code selfie}). */
    private void addUser(String key, String country, String status1, String credential1, String status2, String credential2) {
        String uid = "00000000-0000-4000-8000-" + String.format("%12s", key).replace(' ', '0');
        SandboxUser user = SandboxUser.person(key, uid, "User " + key).setResidentialCountry(country)
                .setCase("plus", status1, credential1);
        if (status2 != null) {
            user.setCase("selfie", status2, credential2);
        }
        sandbox.addUser(user);
    }

    private String uid(String key) {
        return sandbox.user(key).uid();
    }

    /** A client-credentials token from the sandbox's token endpoint; a null scope asks for the default. */
    private String clientToken(String scope) throws IOException, InterruptedException {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", "client_credentials");
        form.put("client_id", FractalSandbox.DEFAULT_CLIENT_ID);
        form.put("client_secret", FractalSandbox.DEFAULT_CLIENT_SECRET);
        if (scope != null) {
            form.put("scope", scope);
        }
        JsonNode response = json(post(sandbox.tokenUrl(), form));
        assertThat(response.path("scope").asText()).isEqualTo(scope == null ? "uid:read" : scope);
        return response.path("access_token").asText();
    }

    /** A user's access token: consent as the user, then the code exchange. */
    private String userToken(String userKey) throws IOException, InterruptedException {
        Map<String, String> consent = new LinkedHashMap<>();
        consent.put("client_id", FractalSandbox.DEFAULT_CLIENT_ID);
        consent.put("redirect_uri", CALLBACK);
        consent.put("response_type", "code");
        consent.put("scope", "uid:read");
        consent.put("state", "s");
        consent.put("user", userKey);
        consent.put("decision", "approve");
        HttpResponse<String> decided = post(sandbox.authorizeUrl(), consent);
        assertThat(decided.statusCode()).as(decided.body()).isEqualTo(302);
        String location = decided.headers().firstValue("Location").orElseThrow();
        String code = null;
        for (String pair : URI.create(location).getRawQuery().split("&")) {
            if (pair.startsWith("code=")) {
                code = URLDecoder.decode(pair.substring(5), StandardCharsets.UTF_8);
            }
        }
        Map<String, String> exchange = new LinkedHashMap<>();
        exchange.put("grant_type", "authorization_code");
        exchange.put("client_id", FractalSandbox.DEFAULT_CLIENT_ID);
        exchange.put("client_secret", FractalSandbox.DEFAULT_CLIENT_SECRET);
        exchange.put("code", code);
        exchange.put("redirect_uri", CALLBACK);
        return json(post(sandbox.tokenUrl(), exchange)).path("access_token").asText();
    }

    private HttpResponse<String> stats(String report, String bearer) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(sandbox.statsUrl() + "/" + report))
                .timeout(Duration.ofSeconds(30)).header("Content-Type", "application/json").GET();
        if (bearer != null) {
            request.header("Authorization", "Bearer " + bearer);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String url, Map<String, String> form) throws IOException, InterruptedException {
        String body = form.entrySet().stream().map(e -> enc(e.getKey()) + "=" + enc(e.getValue())).collect(Collectors.joining("&"));
        return http.send(HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode json(HttpResponse<String> response) throws IOException {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    /** Rows as "uid level credential", in order. */
    private static List<String> rows(JsonNode rows) {
        List<String> lines = new ArrayList<>();
        rows.forEach(row -> lines.add(row.path("user_id").asText() + " " + row.path("level").asText() + " "
                + row.path("credential").asText()));
        return lines;
    }

    private static void assertInvalidToken(HttpResponse<String> response) throws IOException {
        assertRefused(response, 401, "invalid_token");
    }

    private static void assertRefused(HttpResponse<String> response, int status, String error) throws IOException {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("application/json"));
        assertThat(response.headers().firstValue("WWW-Authenticate").orElse("")).startsWith("Bearer error=\"" + error + "\"");
        assertThat(JSON.readTree(response.body()).path("error").asText()).isEqualTo(error);
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
