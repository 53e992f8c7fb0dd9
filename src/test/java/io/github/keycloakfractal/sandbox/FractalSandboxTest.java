package io.github.keycloakfractal.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The sandbox against Fractal's contract (docs/fractal-api.md sections 2 and 3), over real HTTP. */
class FractalSandboxTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CALLBACK = "https://app.example/callback";
    private static final String V1_SCOPES = "uid:read email:read person.full_name:read person.residential_address_country:read "
            + "person.accredited_investor:read institution.company_name:read institution.residential_address_country:read "
            + "institution.accredited_investor:read verification.v1:read";
    private static final String V2_SCOPES = "uid:read contact:read verification.basic:read verification.basic.details:read "
            + "verification.plus:read verification.plus.details:read verification.liveness:read";

    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
    private MutableClock clock;
    private FractalSandbox sandbox;

    @BeforeEach
    void start() {
        clock = MutableClock.startingNow();
        sandbox = FractalSandbox.start(0, clock);
    }

    @AfterEach
    void stop() {
        sandbox.close();
    }

    @Nested
    class Urls {
        @Test
        void areDerivedFromTheBaseUrl() {
            assertThat(sandbox.baseUrl()).matches("http://127\\.0\\.0\\.1:\\d+");
            assertThat(sandbox.authorizeUrl()).isEqualTo(sandbox.baseUrl() + "/authorize");
            assertThat(sandbox.tokenUrl()).isEqualTo(sandbox.baseUrl() + "/oauth/token");
            assertThat(sandbox.userInfoV1Url()).isEqualTo(sandbox.baseUrl() + "/users/me");
            assertThat(sandbox.userInfoV2Url()).isEqualTo(sandbox.baseUrl() + "/v2/users/me");
        }

        @Test
        void localhostReachesTheSameSandbox() throws Exception {
            HttpResponse<String> page = get("http://localhost:" + sandbox.port() + "/authorize?" + authorizeQuery("uid:read", "s"));
            assertThat(page.statusCode()).isEqualTo(200);
            assertThat(page.body()).contains("Fractal ID sandbox");
        }

        @Test
        void theTestAppCallbackLandsOnAPageThatDoesNotShowTheCode() throws Exception {
            HttpResponse<String> page = get(sandbox.baseUrl() + "/test-app/callback?code=secret-code&state=x");
            assertThat(page.statusCode()).isEqualTo(200);
            assertThat(page.body()).doesNotContain("secret-code");
        }

        @Test
        void unknownPathsAre404() throws Exception {
            assertThat(get(sandbox.baseUrl() + "/users/me/extra").statusCode()).isEqualTo(404);
            assertThat(get(sandbox.baseUrl() + "/nothing").statusCode()).isEqualTo(404);
        }
    }

    @Nested
    class AuthorizePage {
        @Test
        void listsEverySeededUserAndCarriesTheRequestInHiddenInputs() throws Exception {
            HttpResponse<String> page = get(sandbox.authorizeUrl() + "?" + authorizeQuery("uid:read email:read", "st<a>te\"&"));

            assertThat(page.statusCode()).isEqualTo(200);
            assertThat(page.headers().firstValue("Content-Type").orElse("")).startsWith("text/html");
            String html = page.body();
            assertThat(html).contains("<title>Fractal ID sandbox</title>")
                    .contains("<select id=\"user\" name=\"user\">")
                    .contains("<option value=\"alice\">Alice Approved", "<option value=\"acme\">Acme Holdings Ltd",
                            "<option value=\"pete\">Pete Pending", "<option value=\"rita\">Rita Rejected")
                    .contains("<button id=\"approve\" name=\"decision\" value=\"approve\">Approve</button>")
                    .contains("<button id=\"deny\" name=\"decision\" value=\"deny\">Deny</button>")
                    .contains("<form method=\"post\" action=\"/authorize\">")
                    .contains("<code>email:read</code>")
                    .contains("name=\"client_id\" value=\"sandbox-client\"")
                    .contains("name=\"redirect_uri\" value=\"" + CALLBACK + "\"")
                    .contains("name=\"response_type\" value=\"code\"")
                    .contains("name=\"scope\" value=\"uid:read email:read\"")
                    .contains("name=\"state\" value=\"st&lt;a&gt;te&quot;&amp;\"")
                    .doesNotContain("st<a>te");
        }

        @Test
        void anUnknownClientOrAMissingRedirectUriGetsAnErrorPageNotARedirect() throws Exception {
            HttpResponse<String> unknownClient = get(sandbox.authorizeUrl() + "?client_id=nobody&redirect_uri="
                    + enc(CALLBACK) + "&response_type=code&state=s");
            assertThat(unknownClient.statusCode()).isEqualTo(400);
            assertThat(unknownClient.headers().firstValue("Location")).isEmpty();
            assertThat(unknownClient.body()).contains("Fractal ID sandbox");

            HttpResponse<String> noRedirect = get(sandbox.authorizeUrl() + "?client_id=sandbox-client&response_type=code&state=s");
            assertThat(noRedirect.statusCode()).isEqualTo(400);
            assertThat(noRedirect.headers().firstValue("Location")).isEmpty();
        }

        @Test
        void aWrongResponseTypeOrAMissingStateIsRedirectedAsAnError() throws Exception {
            HttpResponse<String> token = get(sandbox.authorizeUrl() + "?client_id=sandbox-client&redirect_uri=" + enc(CALLBACK)
                    + "&response_type=token&state=abc");
            assertThat(token.statusCode()).isEqualTo(302);
            assertThat(location(token)).startsWith(CALLBACK + "?error=unsupported_response_type&").contains("&state=abc");

            HttpResponse<String> noState = get(sandbox.authorizeUrl() + "?client_id=sandbox-client&redirect_uri=" + enc(CALLBACK)
                    + "&response_type=code");
            assertThat(location(noState)).startsWith(CALLBACK + "?error=invalid_request&").doesNotContain("state=");
        }

        @Test
        void anUnknownScopeOrTheClientOnlyStatsScopeIsRedirectedAsInvalidScope() throws Exception {
            for (String scope : List.of("uid:read verification.platinum:read", "client.stats:read", "person.full_name:write")) {
                HttpResponse<String> response = get(sandbox.authorizeUrl() + "?" + authorizeQuery(scope, "s1"));
                assertThat(location(response)).as(scope).startsWith(CALLBACK + "?error=invalid_scope&").endsWith("&state=s1");
            }
        }

        @Test
        void approvingRedirectsWithASingleCodeAndTheState() throws Exception {
            HttpResponse<String> response = decide("alice", "approve", "uid:read", "the-state", CALLBACK);

            assertThat(response.statusCode()).isEqualTo(302);
            Map<String, String> query = query(location(response));
            assertThat(location(response)).startsWith(CALLBACK + "?code=");
            assertThat(query.get("code")).matches("[A-Za-z0-9_-]{43}");
            assertThat(query.get("state")).isEqualTo("the-state");
        }

        @Test
        void aRedirectUriWithAQueryGetsTheCodeAppended() throws Exception {
            String redirectUri = CALLBACK + "?tenant=a%20b";
            HttpResponse<String> response = decide("alice", "approve", "uid:read", "s", redirectUri);
            assertThat(location(response)).startsWith(redirectUri + "&code=").endsWith("&state=s");
        }

        @Test
        void denyingRedirectsWithAccessDenied() throws Exception {
            HttpResponse<String> response = decide("alice", "deny", "uid:read", "xyz", CALLBACK);

            assertThat(response.statusCode()).isEqualTo(302);
            assertThat(location(response)).isEqualTo(CALLBACK + "?error=access_denied&error_description="
                    + "The+resource+owner+or+authorization+server+denied+the+request.&state=xyz");
        }

        @Test
        void anUnknownUserIsAnErrorPage() throws Exception {
            HttpResponse<String> response = decide("mallory", "approve", "uid:read", "s", CALLBACK);
            assertThat(response.statusCode()).isEqualTo(400);
            assertThat(response.headers().firstValue("Location")).isEmpty();
        }
    }

    @Nested
    class AuthorizationCodeGrant {
        @ParameterizedTest
        @EnumSource(Transport.class)
        void theCodeIsExchangedForTokensWhicheverWayTheParametersTravel(Transport transport) throws Exception {
            String code = approve("alice", "uid:read email:read");

            HttpResponse<String> response = token(transport, Map.of("grant_type", "authorization_code", "code", code,
                    "redirect_uri", CALLBACK), "sandbox-client", "sandbox-secret");

            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("application/json");
            JsonNode tokens = JSON.readTree(response.body());
            assertThat(tokens.path("access_token").asText()).matches("[A-Za-z0-9_-]{43}");
            assertThat(tokens.path("refresh_token").asText()).matches("[A-Za-z0-9_-]{43}");
            assertThat(tokens.path("token_type").asText()).isEqualTo("bearer");
            assertThat(tokens.path("expires_in").asLong()).isEqualTo(7200);
            assertThat(tokens.path("scope").asText()).isEqualTo("uid:read email:read");
            assertThat(tokens.path("created_at").asLong()).isEqualTo(clock.instant().getEpochSecond());
            assertThat(sandbox.grantLog()).containsExactly("authorization_code");
            assertThat(sandbox.latestRefreshToken("alice")).isEqualTo(tokens.path("refresh_token").asText());
        }

        @Test
        void basicAuthAcceptsUrlEncodedAndRawCredentials() throws Exception {
            sandbox.registerClient("app:one", "s3cr+t/é");
            String encoded = basic(enc("app:one"), enc("s3cr+t/é"));
            String raw = basic("app-two", "s3cr+t/é");
            sandbox.registerClient("app-two", "s3cr+t/é");

            for (String header : List.of(encoded, raw)) {
                HttpResponse<String> response = post(sandbox.tokenUrl(), "grant_type=client_credentials",
                        "application/x-www-form-urlencoded", Map.of("Authorization", header));
                assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            }
        }

        @Test
        void aCodeWorksOnce() throws Exception {
            String code = approve("alice", "uid:read");
            assertThat(exchange(code, CALLBACK).statusCode()).isEqualTo(200);

            HttpResponse<String> again = exchange(code, CALLBACK);
            assertError(again, 400, "invalid_grant");
        }

        @Test
        void aCodeNeedsTheSameRedirectUriAndClient() throws Exception {
            sandbox.registerClient("other-app", "other-secret");
            String code = approve("alice", "uid:read");

            assertError(exchange(code, CALLBACK + "/other"), 400, "invalid_grant");
            assertError(token(Transport.FORM, Map.of("grant_type", "authorization_code", "code", code, "redirect_uri", CALLBACK),
                    "other-app", "other-secret"), 400, "invalid_grant");
            assertThat(exchange(code, CALLBACK).statusCode()).as("the rightful client may still use it").isEqualTo(200);
        }

        @Test
        void aCodeExpiresAfterTenMinutes() throws Exception {
            String code = approve("alice", "uid:read");
            clock.advance(Duration.ofMinutes(10));
            assertError(exchange(code, CALLBACK), 400, "invalid_grant");
        }

        @Test
        void clientAndGrantTypeErrors() throws Exception {
            String code = approve("alice", "uid:read");
            Map<String, String> params = Map.of("grant_type", "authorization_code", "code", code, "redirect_uri", CALLBACK);

            assertError(token(Transport.FORM, params, "sandbox-client", "wrong"), 401, "invalid_client");
            assertError(token(Transport.BASIC, params, "sandbox-client", "wrong"), 401, "invalid_client");
            assertError(token(Transport.FORM, params, "nobody", "sandbox-secret"), 401, "invalid_client");
            assertError(post(sandbox.tokenUrl(), "grant_type=authorization_code&code=" + code, "application/x-www-form-urlencoded",
                    Map.of()), 401, "invalid_client");
            assertError(token(Transport.FORM, Map.of("code", code), "sandbox-client", "sandbox-secret"), 400, "invalid_request");
            assertError(token(Transport.FORM, Map.of("grant_type", "password"), "sandbox-client", "sandbox-secret"),
                    400, "unsupported_grant_type");
            assertError(token(Transport.FORM, Map.of("grant_type", "authorization_code", "redirect_uri", CALLBACK),
                    "sandbox-client", "sandbox-secret"), 400, "invalid_request");
            assertThat(exchange(code, CALLBACK).statusCode()).as("failed attempts do not use the code").isEqualTo(200);
            assertThat(get(sandbox.tokenUrl()).statusCode()).isEqualTo(405);
        }
    }

    @Nested
    class Scopes {
        @Test
        void uidIsAlwaysGrantedAndDuplicatesCollapse() throws Exception {
            assertThat(grantedScope("alice", "email:read email:read")).isEqualTo("uid:read email:read");
            assertThat(grantedScope("alice", null)).isEqualTo("uid:read");
        }

        @Test
        void askingForPersonAndInstitutionScopesGrantsOnlyThoseOfTheUsersType() throws Exception {
            assertThat(grantedScope("alice", V1_SCOPES)).isEqualTo("uid:read email:read person.full_name:read "
                    + "person.residential_address_country:read person.accredited_investor:read verification.v1:read");
            assertThat(grantedScope("acme", V1_SCOPES)).isEqualTo("uid:read email:read institution.company_name:read "
                    + "institution.residential_address_country:read institution.accredited_investor:read verification.v1:read");
        }

        @Test
        void onlyOneKindAskedIsGrantedAsAsked() throws Exception {
            assertThat(grantedScope("acme", "uid:read person.full_name:read")).isEqualTo("uid:read person.full_name:read");
        }
    }

    @Nested
    class RefreshTokenGrant {
        @Test
        void rotationKeepsTheOldPairUntilTheNewAccessTokenIsUsed() throws Exception {
            JsonNode first = login("alice", "uid:read email:read");
            String oldRefresh = first.path("refresh_token").asText();

            JsonNode second = refresh(oldRefresh);
            assertThat(second.path("refresh_token").asText()).isNotEqualTo(oldRefresh);
            assertThat(second.path("access_token").asText()).isNotEqualTo(first.path("access_token").asText());
            assertThat(second.path("scope").asText()).isEqualTo("uid:read email:read");
            assertThat(second.path("token_type").asText()).isEqualTo("bearer");
            assertThat(sandbox.latestRefreshToken("alice")).isEqualTo(second.path("refresh_token").asText());
            assertThat(sandbox.isRefreshTokenActive(oldRefresh)).as("not revoked before the new token is used").isTrue();
            assertThat(userInfo(sandbox.userInfoV2Url(), first.path("access_token").asText()).statusCode())
                    .as("the old access token still works too").isEqualTo(200);

            JsonNode third = refresh(oldRefresh);
            assertThat(sandbox.isRefreshTokenActive(oldRefresh)).isTrue();

            assertThat(userInfo(sandbox.userInfoV2Url(), third.path("access_token").asText()).statusCode()).isEqualTo(200);
            assertThat(sandbox.isRefreshTokenActive(oldRefresh)).as("revoked by the first use of its successor").isFalse();
            assertError(refreshResponse(oldRefresh), 400, "invalid_grant");
            assertThat(userInfo(sandbox.userInfoV2Url(), first.path("access_token").asText()).statusCode())
                    .as("the old access token is revoked with it").isEqualTo(401);
            assertThat(sandbox.isRefreshTokenActive(third.path("refresh_token").asText())).isTrue();
            assertThat(sandbox.grantLog()).containsExactly("authorization_code", "refresh_token", "refresh_token");
        }

        @Test
        void aRefreshedTokenKeepsTheScopesAndGetsTheCurrentLifetime() throws Exception {
            JsonNode first = login("alice", "uid:read verification.basic:read");
            sandbox.setAccessTokenLifetime(Duration.ofSeconds(60));

            JsonNode refreshed = refresh(first.path("refresh_token").asText());

            assertThat(refreshed.path("scope").asText()).isEqualTo("uid:read verification.basic:read");
            assertThat(refreshed.path("expires_in").asLong()).isEqualTo(60);
        }

        @Test
        void unknownRefreshTokensAndThoseOfAnotherClientAreInvalidGrants() throws Exception {
            sandbox.registerClient("other-app", "other-secret");
            String refreshToken = login("alice", "uid:read").path("refresh_token").asText();

            assertError(refreshResponse("not-a-token"), 400, "invalid_grant");
            assertError(token(Transport.FORM, Map.of("grant_type", "refresh_token", "refresh_token", refreshToken),
                    "other-app", "other-secret"), 400, "invalid_grant");
            assertError(token(Transport.FORM, Map.of("grant_type", "refresh_token"), "sandbox-client", "sandbox-secret"),
                    400, "invalid_request");
            assertThat(sandbox.isRefreshTokenActive("not-a-token")).isFalse();
            assertThat(sandbox.latestRefreshToken("pete")).isNull();
        }
    }

    @Nested
    class ClientCredentialsGrant {
        @Test
        void issuesABearerTokenWithoutRefreshTokenThatCannotReadUsers() throws Exception {
            HttpResponse<String> response = token(Transport.QUERY, Map.of("grant_type", "client_credentials"),
                    "sandbox-client", "sandbox-secret");

            assertThat(response.statusCode()).isEqualTo(200);
            JsonNode tokens = JSON.readTree(response.body());
            assertThat(tokens.path("token_type").asText()).isEqualTo("Bearer");
            assertThat(tokens.path("scope").asText()).isEqualTo("uid:read");
            assertThat(tokens.path("expires_in").asLong()).isEqualTo(7200);
            assertThat(tokens.has("refresh_token")).isFalse();
            assertThat(tokens.has("created_at")).isTrue();

            HttpResponse<String> me = userInfo(sandbox.userInfoV2Url(), tokens.path("access_token").asText());
            assertThat(me.statusCode()).isEqualTo(403);
            assertThat(me.headers().firstValue("WWW-Authenticate").orElse("")).startsWith("Bearer error=\"insufficient_scope\"");
            assertThat(JSON.readTree(me.body()).path("error").asText()).isEqualTo("insufficient_scope");
            assertThat(sandbox.grantLog()).containsExactly("client_credentials");
        }

        @Test
        void allowsTheStatsScopeButNotUnknownOnes() throws Exception {
            HttpResponse<String> stats = token(Transport.JSON, Map.of("grant_type", "client_credentials", "scope", "client.stats:read"),
                    "sandbox-client", "sandbox-secret");
            assertThat(JSON.readTree(stats.body()).path("scope").asText()).isEqualTo("client.stats:read");

            assertError(token(Transport.FORM, Map.of("grant_type", "client_credentials", "scope", "admin:write"),
                    "sandbox-client", "sandbox-secret"), 400, "invalid_scope");
        }
    }

    @Nested
    class ResourceServer {
        @Test
        void refusesMissingUnknownAndExpiredTokensWithInvalidToken() throws Exception {
            String accessToken = login("alice", "uid:read").path("access_token").asText();

            HttpResponse<String> missing = http.send(HttpRequest.newBuilder(URI.create(sandbox.userInfoV2Url())).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertInvalidToken(missing);
            assertInvalidToken(userInfo(sandbox.userInfoV1Url(), "made-up"));

            clock.advance(Duration.ofSeconds(7199));
            assertThat(userInfo(sandbox.userInfoV2Url(), accessToken).statusCode()).isEqualTo(200);
            clock.advance(Duration.ofSeconds(1));
            HttpResponse<String> expired = userInfo(sandbox.userInfoV2Url(), accessToken);
            assertInvalidToken(expired);
            assertThat(JSON.readTree(expired.body()).path("error_description").asText()).contains("expired");
        }

        @Test
        void theLifetimeSettingAppliesToTokensIssuedAfterwards() throws Exception {
            String before = login("alice", "uid:read").path("access_token").asText();
            sandbox.setAccessTokenLifetime(Duration.ofSeconds(1));
            JsonNode after = login("alice", "uid:read");
            assertThat(after.path("expires_in").asLong()).isEqualTo(1);

            clock.advance(Duration.ofSeconds(1));
            assertInvalidToken(userInfo(sandbox.userInfoV1Url(), after.path("access_token").asText()));
            assertThat(userInfo(sandbox.userInfoV1Url(), before).statusCode()).isEqualTo(200);
        }

        @Test
        void anExpiredAccessTokenCanStillBeRefreshed() throws Exception {
            JsonNode tokens = login("alice", "uid:read");
            clock.advance(Duration.ofHours(3));
            JsonNode refreshed = refresh(tokens.path("refresh_token").asText());
            assertThat(userInfo(sandbox.userInfoV2Url(), refreshed.path("access_token").asText()).statusCode()).isEqualTo(200);
        }
    }

    @Nested
    class UserInfoV2 {
        @Test
        void showsEmailsAndVerificationCasesWithDetails() throws Exception {
            JsonNode me = me(sandbox.userInfoV2Url(), "alice", V2_SCOPES);

            assertThat(fieldNames(me)).containsExactly("uid", "emails", "phones", "verification_cases");
            assertThat(me.path("uid").asText()).isEqualTo(sandbox.user("alice").uid()).isEqualTo("2f1e6a3c-5b7d-4c8e-9a0b-1c2d3e4f5a61");
            assertThat(me.path("emails").toString()).isEqualTo("[{\"address\":\"alice@example.com\",\"source_type\":\"registration\"}]");
            assertThat(me.path("phones").toString()).isEqualTo("[]");
            JsonNode verificationCase = me.path("verification_cases").get(0);
            assertThat(me.path("verification_cases")).hasSize(1);
            assertThat(fieldNames(verificationCase)).containsExactly("id", "level", "journey_completed", "status", "credential", "details");
            assertThat(verificationCase.path("level").asText()).isEqualTo("basic+liveness");
            assertThat(verificationCase.path("status").asText()).isEqualTo("done");
            assertThat(verificationCase.path("credential").asText()).isEqualTo("approved");
            assertThat(verificationCase.path("journey_completed").asBoolean()).isTrue();
            assertThat(verificationCase.path("details").path("full_name").asText()).isEqualTo("Alice Approved");
            assertThat(verificationCase.path("details").path("date_of_birth").asText()).isEqualTo("1990-01-15");
            assertThat(verificationCase.path("details").path("residential_address_country").asText()).isEqualTo("US");
            assertThat(verificationCase.path("details").path("identification_document_country").asText()).isEqualTo("US");
        }

        @Test
        void onlyUidWithoutFurtherScopes() throws Exception {
            JsonNode me = me(sandbox.userInfoV2Url(), "alice", "uid:read");
            assertThat(fieldNames(me)).containsExactly("uid");
        }

        @Test
        void emailReadAlsoShowsEmailsAndAJourneyEmailSaysSo() throws Exception {
            JsonNode me = me(sandbox.userInfoV2Url(), "rita", "email:read");
            assertThat(me.path("emails").toString()).isEqualTo("[{\"address\":\"rita@example.com\",\"source_type\":\"journey\"}]");
        }

        @Test
        void aCaseIsVisibleThroughItsLevelOrAnyPartAndDetailsNeedTheDetailsScope() throws Exception {
            JsonNode byPart = me(sandbox.userInfoV2Url(), "alice", "verification.liveness:read");
            assertThat(byPart.path("verification_cases")).hasSize(1);
            assertThat(byPart.path("verification_cases").get(0).path("details").isNull()).isTrue();
            assertThat(fieldNames(byPart)).doesNotContain("emails");

            JsonNode otherLevel = me(sandbox.userInfoV2Url(), "alice", "verification.plus:read verification.plus.details:read");
            assertThat(otherLevel.path("verification_cases")).isEmpty();

            JsonNode detailsOfAnotherPart = me(sandbox.userInfoV2Url(), "alice", "verification.basic:read verification.liveness.details:read");
            assertThat(detailsOfAnotherPart.path("verification_cases").get(0).path("details").path("full_name").asText())
                    .isEqualTo("Alice Approved");
        }

        @Test
        void anInstitutionsDetailsCarryTheCompanyName() throws Exception {
            JsonNode me = me(sandbox.userInfoV2Url(), "acme", "contact:read verification.plus:read verification.plus.details:read");
            JsonNode details = me.path("verification_cases").get(0).path("details");
            assertThat(details.path("company_name").asText()).isEqualTo("Acme Holdings Ltd");
            assertThat(details.path("residential_address_country").asText()).isEqualTo("DE");
            assertThat(details.has("full_name")).isFalse();
            assertThat(me.path("emails").get(0).path("address").asText()).isEqualTo("ops@acme.example");
        }

        @Test
        void pendingAndRejectedCasesSaySo() throws Exception {
            JsonNode pete = me(sandbox.userInfoV2Url(), "pete", V2_SCOPES).path("verification_cases").get(0);
            assertThat(pete.path("status").asText()).isEqualTo("pending");
            assertThat(pete.path("credential").asText()).isEqualTo("pending");

            JsonNode rita = me(sandbox.userInfoV2Url(), "rita", V2_SCOPES).path("verification_cases").get(0);
            assertThat(rita.path("level").asText()).isEqualTo("plus+liveness");
            assertThat(rita.path("status").asText()).isEqualTo("done");
            assertThat(rita.path("credential").asText()).isEqualTo("rejected");
        }

        @Test
        void answersWithTheUsersCurrentData() throws Exception {
            String accessToken = login("pete", V2_SCOPES).path("access_token").asText();
            SandboxUser pete = sandbox.user("pete");

            pete.approve();
            pete.setFullName("Pete Approved").setEmail("pete.new@example.com").setResidentialCountry("IE");

            JsonNode me = JSON.readTree(userInfo(sandbox.userInfoV2Url(), accessToken).body());
            JsonNode verificationCase = me.path("verification_cases").get(0);
            assertThat(verificationCase.path("credential").asText()).isEqualTo("approved");
            assertThat(verificationCase.path("status").asText()).isEqualTo("done");
            assertThat(verificationCase.path("details").path("full_name").asText()).isEqualTo("Pete Approved");
            assertThat(verificationCase.path("details").path("residential_address_country").asText()).isEqualTo("IE");
            assertThat(me.path("emails").get(0).path("address").asText()).isEqualTo("pete.new@example.com");
        }
    }

    @Nested
    class UserInfoV1 {
        @Test
        void aPersonWithTheV1Scopes() throws Exception {
            JsonNode me = me(sandbox.userInfoV1Url(), "alice", V1_SCOPES);

            assertThat(fieldNames(me)).containsExactly("uid", "emails", "person", "institution", "verifications", "verification_cases");
            assertThat(me.path("emails").toString()).isEqualTo("[{\"address\":\"alice@example.com\"}]");
            assertThat(me.path("person").toString())
                    .isEqualTo("{\"full_name\":\"Alice Approved\",\"residential_address_country\":\"US\",\"accredited_investor\":true}");
            assertThat(me.path("institution").isNull()).isTrue();
            assertThat(me.path("verifications").toString()).isEqualTo("[{\"level\":\"basic+liveness\"}]");
            assertThat(me.path("verification_cases")).as("verification.v1 names no level of today").isEmpty();
        }

        @Test
        void anInstitutionWithTheV1Scopes() throws Exception {
            JsonNode me = me(sandbox.userInfoV1Url(), "acme", V1_SCOPES);

            assertThat(me.path("person").isNull()).isTrue();
            assertThat(me.path("institution").toString())
                    .isEqualTo("{\"company_name\":\"Acme Holdings Ltd\",\"residential_address_country\":\"DE\",\"accredited_investor\":false}");
            assertThat(me.path("verifications").toString()).isEqualTo("[{\"level\":\"plus\"}]");
        }

        @Test
        void onlyTheGrantedPersonFieldsAndNoEmailWithoutAnEmailScope() throws Exception {
            JsonNode me = me(sandbox.userInfoV1Url(), "alice", "uid:read person.full_name:read");

            assertThat(fieldNames(me)).containsExactly("uid", "person", "institution");
            assertThat(me.path("person").toString()).isEqualTo("{\"full_name\":\"Alice Approved\"}");
        }

        @Test
        void withoutPersonScopesThePersonIsNull() throws Exception {
            JsonNode me = me(sandbox.userInfoV1Url(), "alice", "uid:read contact:read");
            assertThat(me.path("person").isNull()).isTrue();
            assertThat(me.path("emails")).hasSize(1);
        }

        @Test
        void verificationsListOnlyApprovedCasesAndCarryDetailsWithADetailsScope() throws Exception {
            assertThat(me(sandbox.userInfoV1Url(), "pete", "verification.v1:read").path("verifications")).isEmpty();
            assertThat(me(sandbox.userInfoV1Url(), "rita", "verifications.v1:read").path("verifications")).isEmpty();

            JsonNode me = me(sandbox.userInfoV1Url(), "alice", "verification.basic:read verification.basic.details:read");
            assertThat(me.path("verifications").get(0).path("level").asText()).isEqualTo("basic+liveness");
            assertThat(me.path("verifications").get(0).path("details").path("full_name").asText()).isEqualTo("Alice Approved");
            assertThat(me.path("verification_cases").get(0).path("details").path("date_of_birth").asText()).isEqualTo("1990-01-15");
        }

        @Test
        void aPendingUserApprovedBetweenLoginsIsListedOnTheNextCall() throws Exception {
            String accessToken = login("pete", V1_SCOPES).path("access_token").asText();
            assertThat(JSON.readTree(userInfo(sandbox.userInfoV1Url(), accessToken).body()).path("verifications")).isEmpty();

            sandbox.user("pete").approve();

            assertThat(JSON.readTree(userInfo(sandbox.userInfoV1Url(), accessToken).body()).path("verifications").toString())
                    .isEqualTo("[{\"level\":\"basic+liveness\"}]");
        }
    }

    @Nested
    class Users {
        @Test
        void theFourSeedsAreThereInOrder() {
            assertThat(sandbox.users()).extracting(SandboxUser::key).containsExactly("alice", "acme", "pete", "rita");
            SandboxUser acme = sandbox.user("acme");
            assertThat(acme.isInstitution()).isTrue();
            assertThat(acme.companyName()).isEqualTo("Acme Holdings Ltd");
            assertThat(acme.accreditedInvestor()).isFalse();
            assertThat(sandbox.user("alice").accreditedInvestor()).isTrue();
            assertThat(sandbox.user("rita").emailSourceType()).isEqualTo("journey");
            assertThat(sandbox.user("alice").describe()).isEqualTo("Alice Approved (person, US): basic+liveness approved");
            assertThatThrownBy(() -> sandbox.user("mallory")).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("mallory");
        }

        @Test
        void uidsAndCaseIdsAreStableAcrossSandboxes() {
            try (FractalSandbox other = FractalSandbox.start(0)) {
                for (SandboxUser user : sandbox.users()) {
                    SandboxUser twin = other.user(user.key());
                    assertThat(twin.uid()).isEqualTo(user.uid());
                    assertThat(twin.cases()).extracting(VerificationCase::id).isEqualTo(user.cases().stream().map(VerificationCase::id).toList());
                }
            }
        }

        @Test
        void casesMoveBetweenStates() {
            SandboxUser pete = sandbox.user("pete");
            String id = pete.cases().get(0).id();

            pete.approve();
            assertThat(pete.cases()).singleElement().satisfies(c -> {
                assertThat(c.status()).isEqualTo("done");
                assertThat(c.credential()).isEqualTo("approved");
                assertThat(c.id()).isEqualTo(id);
            });
            pete.reject();
            assertThat(pete.cases().get(0).credential()).isEqualTo("rejected");
            pete.setPending();
            assertThat(pete.cases().get(0).status()).isEqualTo("pending");

            pete.setCase("basic+liveness", "contacted", "pending").setCase("plus", "done", "approved");
            assertThat(pete.cases()).extracting(VerificationCase::level, VerificationCase::status)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple("basic+liveness", "contacted"),
                            org.assertj.core.groups.Tuple.tuple("plus", "done"));
            pete.removeCase("plus");
            assertThat(pete.cases()).hasSize(1);
        }

        @Test
        void resetPutsTheSeedsBackOnTheSameObjects() throws Exception {
            SandboxUser alice = sandbox.user("alice");
            alice.setFullName("Someone Else").clearCases();
            sandbox.addUser(SandboxUser.person("bob", "0d3f4c1e-9a8b-4c7d-8e6f-5a4b3c2d1e0f", "Bob Added").setEmail("bob@example.com"));
            assertThat(sandbox.users()).hasSize(5);
            assertThat(decide("bob", "approve", "uid:read", "s", CALLBACK).statusCode()).isEqualTo(302);

            sandbox.resetUsers();

            assertThat(sandbox.user("alice")).isSameAs(alice);
            assertThat(alice.fullName()).isEqualTo("Alice Approved");
            assertThat(alice.cases()).hasSize(1);
            assertThat(sandbox.users()).hasSize(4);
        }
    }

    @Test
    void concurrentLoginsAreIndependent() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Callable<String>> logins = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                String user = List.of("alice", "acme", "pete", "rita").get(i % 4);
                logins.add(() -> {
                    String accessToken = login(user, "uid:read").path("access_token").asText();
                    return JSON.readTree(userInfo(sandbox.userInfoV2Url(), accessToken).body()).path("uid").asText() + "=" + user;
                });
            }
            List<String> results = new ArrayList<>();
            for (Future<String> result : pool.invokeAll(logins)) {
                results.add(result.get());
            }
            for (String result : results) {
                String[] uidAndUser = result.split("=");
                assertThat(uidAndUser[0]).isEqualTo(sandbox.user(uidAndUser[1]).uid());
            }
            assertThat(sandbox.grantLog()).hasSize(40).containsOnly("authorization_code");
        } finally {
            pool.shutdownNow();
        }
    }

    // ----------------------------------------------------------------------------------------------- helpers

    /** The ways Fractal's clients send token requests. */
    enum Transport { QUERY, FORM, JSON, BASIC }

    private HttpResponse<String> token(Transport transport, Map<String, String> params, String clientId, String clientSecret)
            throws IOException, InterruptedException {
        Map<String, String> all = new LinkedHashMap<>(params);
        if (transport != Transport.BASIC) {
            all.put("client_id", clientId);
            all.put("client_secret", clientSecret);
        }
        return switch (transport) {
            case QUERY -> post(sandbox.tokenUrl() + "?" + form(all), "", null, Map.of());
            case FORM -> post(sandbox.tokenUrl(), form(all), "application/x-www-form-urlencoded", Map.of());
            case JSON -> post(sandbox.tokenUrl(), JSON_WRITER.writeValueAsString(all), "application/json", Map.of());
            case BASIC -> post(sandbox.tokenUrl(), form(all), "application/x-www-form-urlencoded",
                    Map.of("Authorization", basic(enc(clientId), enc(clientSecret))));
        };
    }

    private static final ObjectMapper JSON_WRITER = new ObjectMapper();

    private HttpResponse<String> exchange(String code, String redirectUri) throws IOException, InterruptedException {
        return token(Transport.FORM, Map.of("grant_type", "authorization_code", "code", code, "redirect_uri", redirectUri),
                "sandbox-client", "sandbox-secret");
    }

    private HttpResponse<String> refreshResponse(String refreshToken) throws IOException, InterruptedException {
        return token(Transport.FORM, Map.of("grant_type", "refresh_token", "refresh_token", refreshToken), "sandbox-client", "sandbox-secret");
    }

    private JsonNode refresh(String refreshToken) throws IOException, InterruptedException {
        HttpResponse<String> response = refreshResponse(refreshToken);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    /** Consent as the user, then the code exchange: the token response. */
    private JsonNode login(String userKey, String scope) throws IOException, InterruptedException {
        HttpResponse<String> response = exchange(approve(userKey, scope), CALLBACK);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    private JsonNode me(String url, String userKey, String scope) throws IOException, InterruptedException {
        HttpResponse<String> response = userInfo(url, login(userKey, scope).path("access_token").asText());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    private String grantedScope(String userKey, String scope) throws IOException, InterruptedException {
        return login(userKey, scope).path("scope").asText();
    }

    private String approve(String userKey, String scope) throws IOException, InterruptedException {
        HttpResponse<String> response = decide(userKey, "approve", scope, "state-1", CALLBACK);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(302);
        return query(location(response)).get("code");
    }

    /** What the consent form posts. */
    private HttpResponse<String> decide(String userKey, String decision, String scope, String state, String redirectUri)
            throws IOException, InterruptedException {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("client_id", FractalSandbox.DEFAULT_CLIENT_ID);
        form.put("redirect_uri", redirectUri);
        form.put("response_type", "code");
        if (scope != null) {
            form.put("scope", scope);
        }
        form.put("state", state);
        form.put("user", userKey);
        form.put("decision", decision);
        return post(sandbox.authorizeUrl(), form(form), "application/x-www-form-urlencoded", Map.of());
    }

    private HttpResponse<String> userInfo(String url, String accessToken) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + accessToken)
                .header("Accept", "application/json").GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(String url) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(url)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String url, String body, String contentType, Map<String, String> headers)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).POST(HttpRequest.BodyPublishers.ofString(body));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        headers.forEach(request::header);
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String authorizeQuery(String scope, String state) {
        return "client_id=sandbox-client&redirect_uri=" + enc(CALLBACK) + "&response_type=code&scope=" + enc(scope) + "&state=" + enc(state);
    }

    private static void assertError(HttpResponse<String> response, int status, String error) throws IOException {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("application/json");
        JsonNode body = JSON.readTree(response.body());
        assertThat(body.path("error").asText()).isEqualTo(error);
        assertThat(body.path("error_description").asText()).isNotBlank();
    }

    private static void assertInvalidToken(HttpResponse<String> response) throws IOException {
        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("WWW-Authenticate").orElse("")).startsWith("Bearer error=\"invalid_token\"");
        assertThat(JSON.readTree(response.body()).path("error").asText()).isEqualTo("invalid_token");
    }

    private static String location(HttpResponse<?> response) {
        return response.headers().firstValue("Location").orElseThrow(() -> new AssertionError("no Location header, status "
                + response.statusCode()));
    }

    private static Map<String, String> query(String uri) {
        Map<String, String> values = new LinkedHashMap<>();
        for (String pair : URI.create(uri).getRawQuery().split("&")) {
            int eq = pair.indexOf('=');
            values.put(pair.substring(0, eq), java.net.URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return values;
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static String form(Map<String, String> params) {
        return params.entrySet().stream().map(e -> enc(e.getKey()) + "=" + enc(e.getValue())).collect(Collectors.joining("&"));
    }

    private static String basic(String id, String secret) {
        return "Basic " + Base64.getEncoder().encodeToString((id + ":" + secret).getBytes(StandardCharsets.UTF_8));
    }

    private static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
