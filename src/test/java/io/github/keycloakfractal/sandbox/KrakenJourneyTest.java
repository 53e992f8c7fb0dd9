package io.github.keycloakfractal.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The sandbox's Kraken journey, return and token exchange against Fractal's contract (fractal-api.md section 6). */
class KrakenJourneyTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String RETURN = "https://integrator.example/kraken/return";
    private static final Pattern JOURNEY_FIELD = Pattern.compile("name=\"journey\" value=\"([^\"]+)\"");

    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
    private MutableClock clock;
    private FractalSandbox sandbox;
    private SandboxKraken kraken;
    private KeyPair keys;

    @BeforeEach
    void start() throws GeneralSecurityException {
        clock = MutableClock.startingNow();
        sandbox = FractalSandbox.start(0, clock);
        kraken = sandbox.kraken();
        keys = p521();
        kraken.registerPublicKey(keys.getPublic());
    }

    @AfterEach
    void stop() {
        sandbox.close();
    }

    @Test
    void theQueryFormShowsTheJourneyPage() throws Exception {
        HttpResponse<String> page = get(queryLink(SandboxKraken.CLIENT_ID, "basic+liveness"));

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("text/html"));
        assertThat(page.body()).contains("id=\"kraken-approve\"", "id=\"kraken-pending\"", "id=\"kraken-reject\"",
                "id=\"kraken-note\"", ">Approve<", ">Leave pending<", ">Reject<", "basic+liveness", SandboxKraken.CLIENT_ID);
        assertThat(page.body()).containsPattern(JOURNEY_FIELD);
        assertThat(kraken.journeyLog()).containsExactly("query");
        assertThat(kraken.lastJourneyState()).isEmpty();
    }

    @Test
    void theTokenFormShowsTheJourneyPageAndRemembersTheState() throws Exception {
        HttpResponse<String> page = get(tokenLink(linkToken("basic+liveness+idos", "state-1")));

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("id=\"kraken-approve\"", "id=\"kraken-pending\"", "id=\"kraken-reject\"",
                "basic+liveness+idos", SandboxKraken.CLIENT_ID);
        assertThat(page.body()).as("the state stays on the server").doesNotContain("value=\"state-1\"");
        assertThat(kraken.journeyLog()).containsExactly("token");
        assertThat(kraken.lastJourneyState()).contains("state-1");
    }

    @Test
    void aTokenWithoutStateOrKycClaimIsAccepted() throws Exception {
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("clientId", SandboxKraken.CLIENT_ID);
        claims.put("level", "basic");

        assertThat(get(tokenLink(sign(keys.getPrivate(), claims))).statusCode()).isEqualTo(200);
        assertThat(kraken.lastJourneyState()).isEmpty();
    }

    @Test
    void linksThatCannotBeTrustedGetAnErrorPage() throws Exception {
        KeyPair stranger = p521();
        Map<String, Object> wrongClient = claims("basic+liveness", "s");
        wrongClient.put("clientId", "someone-else");
        Map<String, Object> noLevel = claims("basic+liveness", "s");
        noLevel.remove("level");
        Map<String, Object> notKyc = claims("basic+liveness", "s");
        notKyc.put("kyc", false);
        String valid = linkToken("basic+liveness", "s");
        String[] parts = valid.split("\\.");
        String tampered = parts[0] + "." + base64Url(json(claims("plus", "s"))) + "." + parts[2];
        String unsigned = base64Url("{\"alg\":\"none\"}") + "." + parts[1] + ".";

        for (String link : new String[]{
                sandbox.krakenJourneyUrl(),
                queryLink("someone-else", "basic+liveness"),
                queryLink(SandboxKraken.CLIENT_ID, ""),
                sandbox.krakenJourneyUrl() + "?clientId=" + SandboxKraken.CLIENT_ID,
                sandbox.krakenJourneyUrl() + "?clientId=" + SandboxKraken.CLIENT_ID + "&level=basic+liveness",
                tokenLink(""),
                tokenLink("not-a-jwt"),
                tokenLink(sign(stranger.getPrivate(), claims("basic+liveness", "s"))),
                tokenLink(tampered),
                tokenLink(unsigned),
                tokenLink(sign(keys.getPrivate(), wrongClient)),
                tokenLink(sign(keys.getPrivate(), noLevel)),
                tokenLink(sign(keys.getPrivate(), notKyc))}) {
            HttpResponse<String> page = get(link);
            assertThat(page.statusCode()).as(link).isEqualTo(400);
            assertThat(page.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("text/html"));
            assertThat(page.body()).as(link).contains("class=\"error\"").doesNotContain("id=\"kraken-approve\"");
        }
        assertThat(kraken.journeyLog()).isEmpty();
    }

    @Test
    void withoutARegisteredPublicKeyTheTokenFormIsRefused() throws Exception {
        FractalSandbox fresh = FractalSandbox.start(0, clock);
        try {
            String link = fresh.krakenJourneyUrl() + "?token=" + linkToken("basic", "s");
            assertThat(get(link).statusCode()).isEqualTo(400);
        } finally {
            fresh.close();
        }
    }

    @Test
    void approvingReturnsWithAOneTimeTokenThatExchangesOnce() throws Exception {
        kraken.registerRedirectUrl(RETURN + "?tenant=t1");
        String journey = openJourney(tokenLink(linkToken("basic+liveness", "state-1")));

        HttpResponse<String> back = decide(journey, "approved", "");

        assertThat(back.statusCode()).isEqualTo(302);
        String location = back.headers().firstValue("Location").orElseThrow();
        assertThat(location).startsWith(RETURN + "?tenant=t1&oneTimeToken=");
        String oneTimeToken = oneTimeToken(location);
        assertThat(oneTimeToken).matches("[A-Za-z0-9_-]{22,}");
        String userId = kraken.lastJourneyUserId().orElseThrow();
        assertThat(kraken.status(userId)).isEqualTo("approved");

        HttpResponse<String> exchange = api("/public/kyc/token/" + oneTimeToken, "Bearer " + SandboxKraken.API_KEY);
        assertThat(exchange.statusCode()).isEqualTo(200);
        JsonNode session = JSON.readTree(exchange.body());
        assertThat(session.path("userId").asText()).isEqualTo(userId);
        assertThat(session.path("state").asText()).isEqualTo("approved");
        assertThat(session.path("externalState").asText()).isEqualTo("state-1");
        assertThat(kraken.authLog()).containsExactly("api-key");

        HttpResponse<String> again = api("/public/kyc/token/" + oneTimeToken, "Bearer " + SandboxKraken.API_KEY);
        assertThat(again.statusCode()).isEqualTo(404);
        assertThat(JSON.readTree(again.body()).path("error").asText()).isEqualTo("invalid_token");
        assertThat(api("/public/kyc/token/made-up", "Bearer " + SandboxKraken.API_KEY).statusCode()).isEqualTo(404);
    }

    @Test
    void theQueryFormReturnsWithoutExternalStateAndTheApiJwtAuthenticates() throws Exception {
        kraken.registerRedirectUrl(RETURN);
        String journey = openJourney(queryLink(SandboxKraken.CLIENT_ID, "basic"));

        String location = decide(journey, "approved", "").headers().firstValue("Location").orElseThrow();

        assertThat(location).startsWith(RETURN + "?oneTimeToken=");
        HttpResponse<String> exchange = api("/public/kyc/token/" + oneTimeToken(location), "Bearer " + apiToken(600));
        assertThat(exchange.statusCode()).isEqualTo(200);
        JsonNode session = JSON.readTree(exchange.body());
        assertThat(session.path("state").asText()).isEqualTo("approved");
        assertThat(session.has("externalState")).isFalse();
        assertThat(kraken.authLog()).containsExactly("jwt");
    }

    @Test
    void oneTimeTokensExpireAfterTenMinutes() throws Exception {
        kraken.registerRedirectUrl(RETURN);
        String first = oneTimeToken(decide(openJourney(tokenLink(linkToken("basic", "a"))), "approved", "")
                .headers().firstValue("Location").orElseThrow());
        String second = oneTimeToken(decide(openJourney(tokenLink(linkToken("basic", "b"))), "approved", "")
                .headers().firstValue("Location").orElseThrow());

        clock.advance(Duration.ofMinutes(10).minusSeconds(1));
        assertThat(api("/public/kyc/token/" + first, "Bearer " + SandboxKraken.API_KEY).statusCode()).isEqualTo(200);
        clock.advance(Duration.ofSeconds(1));
        HttpResponse<String> expired = api("/public/kyc/token/" + second, "Bearer " + SandboxKraken.API_KEY);
        assertThat(expired.statusCode()).isEqualTo(404);
        assertThat(JSON.readTree(expired.body()).path("error").asText()).isEqualTo("invalid_token");
    }

    @Test
    void anUnauthenticatedExchangeIsRefusedAndDoesNotSpendTheToken() throws Exception {
        kraken.registerRedirectUrl(RETURN);
        String oneTimeToken = oneTimeToken(decide(openJourney(queryLink(SandboxKraken.CLIENT_ID, "basic")), "approved", "")
                .headers().firstValue("Location").orElseThrow());

        assertThat(api("/public/kyc/token/" + oneTimeToken, null).statusCode()).isEqualTo(401);
        assertThat(api("/public/kyc/token/" + oneTimeToken, "Bearer wrong-key").statusCode()).isEqualTo(401);
        assertThat(api("/public/kyc/token/" + oneTimeToken, "Bearer " + apiToken(601)).statusCode())
                .as("more than ten minutes").isEqualTo(401);
        assertThat(kraken.authLog()).isEmpty();
        assertThat(api("/public/kyc/token/" + oneTimeToken, "Bearer " + SandboxKraken.API_KEY).statusCode()).isEqualTo(200);
    }

    @Test
    void leavingPendingIsWhatTheApiReports() throws Exception {
        kraken.registerRedirectUrl(RETURN);
        String location = decide(openJourney(tokenLink(linkToken("basic+liveness", "p"))), "pending", "")
                .headers().firstValue("Location").orElseThrow();
        String userId = kraken.lastJourneyUserId().orElseThrow();

        JsonNode session = JSON.readTree(api("/public/kyc/token/" + oneTimeToken(location), "Bearer " + SandboxKraken.API_KEY).body());
        assertThat(session.path("state").asText()).isEqualTo("pending");
        assertThat(JSON.readTree(api("/public/kyc/" + userId + "/status", "Bearer " + SandboxKraken.API_KEY).body())
                .path("status").asText()).isEqualTo("pending");
        JsonNode data = JSON.readTree(api("/public/kyc/" + userId + "/data", "Bearer " + SandboxKraken.API_KEY).body());
        assertThat(data.path("review").path("levelName").asText()).isEqualTo("basic+liveness");
        assertThat(data.path("review").has("reviewResult")).isFalse();
    }

    @Test
    void rejectingKeepsTheNote() throws Exception {
        kraken.registerRedirectUrl(RETURN);
        String location = decide(openJourney(tokenLink(linkToken("basic", "r"))), "rejected", "  document unreadable ")
                .headers().firstValue("Location").orElseThrow();
        String userId = kraken.lastJourneyUserId().orElseThrow();

        assertThat(kraken.status(userId)).isEqualTo("rejected");
        assertThat(kraken.note(userId)).isEqualTo("document unreadable");
        JsonNode session = JSON.readTree(api("/public/kyc/token/" + oneTimeToken(location), "Bearer " + SandboxKraken.API_KEY).body());
        assertThat(session.path("state").asText()).isEqualTo("rejected");
        assertThat(session.path("externalState").asText()).isEqualTo("r");
        assertThat(JSON.readTree(api("/public/kyc/" + userId + "/status", "Bearer " + SandboxKraken.API_KEY).body())
                .path("status").asText()).isEqualTo("rejected");
        JsonNode review = JSON.readTree(api("/public/kyc/" + userId + "/data", "Bearer " + SandboxKraken.API_KEY).body()).path("review");
        assertThat(review.path("reviewResult").path("reviewAnswer").asText()).isEqualTo("RED");
        assertThat(review.path("reviewResult").path("moderationComment").asText()).isEqualTo("document unreadable");
    }

    @Test
    void theDataLooksLikeASumsubApplicant() throws Exception {
        kraken.registerRedirectUrl(RETURN);
        decide(openJourney(queryLink(SandboxKraken.CLIENT_ID, "basic+liveness")), "approved", "");
        String userId = kraken.lastJourneyUserId().orElseThrow();

        HttpResponse<String> answer = api("/public/kyc/" + userId + "/data", "Bearer " + apiToken(300));

        assertThat(answer.statusCode()).isEqualTo(200);
        JsonNode data = JSON.readTree(answer.body());
        JsonNode info = data.path("info");
        assertThat(info.path("firstName").asText()).isNotBlank();
        assertThat(info.path("lastName").asText()).isNotBlank();
        assertThat(info.path("dob").asText()).matches("\\d{4}-\\d{2}-\\d{2}");
        assertThat(info.path("country").asText()).matches("[A-Z]{3}");
        assertThat(info.path("nationality").asText()).matches("[A-Z]{3}");
        assertThat(info.path("idDocs")).hasSize(1);
        assertThat(info.path("idDocs").get(0).path("idDocType").asText()).isNotBlank();
        assertThat(info.path("idDocs").get(0).path("country").asText()).matches("[A-Z]{3}");
        assertThat(data.path("review").path("levelName").asText()).isEqualTo("basic+liveness");
        assertThat(data.path("review").path("reviewResult").path("reviewAnswer").asText()).isEqualTo("GREEN");
        assertThat(data.path("email").asText()).contains("@");
        assertThat(api("/public/kyc/" + userId + "/data", "Bearer " + SandboxKraken.API_KEY).body())
                .as("the same user, the same data").isEqualTo(answer.body());

        HttpResponse<String> unknown = api("/public/kyc/no-such-user/data", "Bearer " + SandboxKraken.API_KEY);
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(JSON.readTree(unknown.body()).path("error").asText()).isNotBlank();
        assertThat(api("/public/kyc/" + userId + "/data", null).statusCode()).isEqualTo(401);
    }

    @Test
    void withoutARegisteredRedirectUrlTheJourneyCannotReturnButStaysOpen() throws Exception {
        String journey = openJourney(queryLink(SandboxKraken.CLIENT_ID, "basic"));

        HttpResponse<String> refused = decide(journey, "approved", "");
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.body()).contains("class=\"error\"");
        assertThat(kraken.lastJourneyUserId()).isEmpty();

        kraken.registerRedirectUrl(RETURN);
        assertThat(decide(journey, "approved", "").statusCode()).isEqualTo(302);
    }

    @Test
    void aJourneyFinishesOnceAndOnlyWithAKnownDecision() throws Exception {
        kraken.registerRedirectUrl(RETURN);
        String journey = openJourney(queryLink(SandboxKraken.CLIENT_ID, "basic"));

        assertThat(decide(journey, "GREEN", "").statusCode()).isEqualTo(400);
        assertThat(decide(journey, "approved", "").statusCode()).isEqualTo(302);
        assertThat(decide(journey, "approved", "").statusCode()).as("already finished").isEqualTo(400);
        assertThat(decide("made-up", "approved", "").statusCode()).isEqualTo(400);
        assertThat(post(sandbox.krakenJourneyUrl(), "decision=approved").statusCode()).isEqualTo(400);
    }

    @Test
    void anAbandonedJourneyExpires() throws Exception {
        kraken.registerRedirectUrl(RETURN);
        String journey = openJourney(queryLink(SandboxKraken.CLIENT_ID, "basic"));

        clock.advance(KrakenJourneys.JOURNEY_LIFETIME);

        assertThat(decide(journey, "approved", "").statusCode()).isEqualTo(400);
    }

    @Test
    void onlyAbsoluteHttpRedirectUrlsCanBeRegistered() {
        for (String url : new String[]{null, "", "/relative", "ftp://integrator.example/x", "https://integrator.example/x#f"}) {
            assertThatThrownBy(() -> kraken.registerRedirectUrl(url)).as(String.valueOf(url))
                    .isInstanceOf(IllegalArgumentException.class);
        }
        assertThatThrownBy(() -> kraken.status("no-such-user")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void usersAddedByTestsKeepWorking() throws Exception {
        String userId = kraken.addUser("approved");
        kraken.setStatus(userId, "rejected", "expired document");

        assertThat(kraken.status(userId)).isEqualTo("rejected");
        assertThat(kraken.note(userId)).isEqualTo("expired document");
        assertThat(JSON.readTree(api("/public/kyc/" + userId + "/status", "Bearer " + SandboxKraken.API_KEY).body())
                .path("status").asText()).isEqualTo("rejected");
        assertThat(JSON.readTree(api("/public/kyc/" + userId + "/data", "Bearer " + SandboxKraken.API_KEY).body())
                .path("review").path("levelName").asText()).isEqualTo(SandboxKraken.DEFAULT_LEVEL);
    }

    @Test
    void otherMethodsAreNotAllowed() throws Exception {
        HttpRequest put = HttpRequest.newBuilder(URI.create(sandbox.krakenJourneyUrl()))
                .PUT(HttpRequest.BodyPublishers.noBody()).build();
        HttpResponse<String> answer = http.send(put, HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).isEqualTo(405);
        assertThat(get(sandbox.krakenJourneyUrl() + "/else?clientId=" + SandboxKraken.CLIENT_ID + "&level=basic").statusCode())
                .isEqualTo(404);
    }

    // --- helpers

    private String queryLink(String clientId, String level) {
        return sandbox.krakenJourneyUrl() + "?clientId=" + encode(clientId) + "&level=" + encode(level);
    }

    private String tokenLink(String token) {
        return sandbox.krakenJourneyUrl() + "?token=" + encode(token);
    }

    private static Map<String, Object> claims(String level, String state) {
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("clientId", SandboxKraken.CLIENT_ID);
        claims.put("kyc", true);
        claims.put("level", level);
        claims.put("state", state);
        return claims;
    }

    private String linkToken(String level, String state) throws Exception {
        return sign(keys.getPrivate(), claims(level, state));
    }

    /** Kraken's API credential: {@code {api: true, clientId, exp}}, expiring {@code seconds} from the sandbox's now. */
    private String apiToken(long seconds) throws Exception {
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("api", true);
        claims.put("clientId", SandboxKraken.CLIENT_ID);
        claims.put("exp", clock.instant().getEpochSecond() + seconds);
        return sign(keys.getPrivate(), claims);
    }

    /** ES512 as JOSE has it: header {@code {"alg":"ES512"}}, signature r||s (P1363), all base64url without padding. */
    private static String sign(PrivateKey key, Map<String, Object> claims) throws Exception {
        String signingInput = base64Url("{\"alg\":\"ES512\"}") + "." + base64Url(json(claims));
        Signature signer = Signature.getInstance("SHA512withECDSAinP1363Format");
        signer.initSign(key);
        signer.update(signingInput.getBytes(StandardCharsets.US_ASCII));
        return signingInput + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(signer.sign());
    }

    private static KeyPair p521() throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp521r1"));
        return generator.generateKeyPair();
    }

    private static String json(Object value) throws IOException {
        return JSON.writeValueAsString(value);
    }

    private static String base64Url(String text) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    /** Shows the journey page and reads the journey id its form carries. */
    private String openJourney(String link) throws Exception {
        HttpResponse<String> page = get(link);
        assertThat(page.statusCode()).as(page.body()).isEqualTo(200);
        Matcher journey = JOURNEY_FIELD.matcher(page.body());
        assertThat(journey.find()).isTrue();
        return journey.group(1);
    }

    /** What the page's form sends when the person presses a button. */
    private HttpResponse<String> decide(String journey, String decision, String note) throws Exception {
        return post(sandbox.krakenJourneyUrl(), "journey=" + encode(journey) + "&decision=" + encode(decision) + "&note=" + encode(note));
    }

    private static String oneTimeToken(String location) {
        return Exchanges.urlEncoded(URI.create(location).getRawQuery()).get("oneTimeToken");
    }

    private HttpResponse<String> get(String url) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String url, String form) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> api(String path, String authorization) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(sandbox.krakenUrl() + path)).GET();
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
