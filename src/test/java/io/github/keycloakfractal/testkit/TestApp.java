package io.github.keycloakfractal.testkit;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An application behind the realm: it sends the (already signed-in) browser through Keycloak's authorization
 * endpoint and exchanges the code for the user's tokens, as any OIDC app would.
 */
public final class TestApp {
    private final FractalRealm realm;
    private final HttpClient http = HttpClient.newHttpClient();

    public TestApp(FractalRealm realm) {
        this.realm = realm;
    }

    public String authorizationUrl() {
        return realm.url() + "/protocol/openid-connect/auth?client_id=" + FractalRealm.APP_CLIENT
                + "&response_type=code&scope=openid&redirect_uri=" + AdminApi.encode(realm.appRedirectUri());
    }

    /** The authorization URL with {@code kc_action}: the app asks Keycloak to run that action for the signed-in user. */
    public String actionUrl(String action) {
        return authorizationUrl() + "&kc_action=" + AdminApi.encode(action);
    }

    /** Runs the code flow in the browser's existing Keycloak session and returns the token response. */
    public JsonNode tokensFor(Browser browser) throws IOException, InterruptedException {
        browser.open(authorizationUrl());
        return exchange(awaitReturn(browser));
    }

    /** Waits until Keycloak sends the browser back to the app; the URL it landed on (code, kc_action_status). */
    public String awaitReturn(Browser browser) {
        return browser.waitFor(driver -> driver.getCurrentUrl().startsWith(realm.appRedirectUri()) ? driver.getCurrentUrl() : null);
    }

    /** Exchanges the code of the URL the app was called back on. */
    public JsonNode exchange(String landed) throws IOException, InterruptedException {
        String code = Arrays.stream(URI.create(landed).getRawQuery().split("&"))
                .filter(p -> p.startsWith("code=")).map(p -> p.substring(5)).findFirst().orElseThrow();
        return token("grant_type=authorization_code&code=" + code + "&redirect_uri=" + AdminApi.encode(realm.appRedirectUri()));
    }

    /** Tokens for a local account straight from its password (the test app allows direct grants), no browser. */
    public UserTokens passwordTokens(String username, String password) throws IOException, InterruptedException {
        return new UserTokens(token("grant_type=password&scope=openid&username=" + AdminApi.encode(username)
                + "&password=" + AdminApi.encode(password)));
    }

    /** A fresh token from the refresh token, without a new login: its roles are the user's roles now. */
    public UserTokens refresh(UserTokens tokens) throws IOException, InterruptedException {
        return new UserTokens(token("grant_type=refresh_token&refresh_token=" + AdminApi.encode(tokens.response().path("refresh_token").asText())));
    }

    /** A grant at the realm's token endpoint as the test app; it must succeed. */
    private JsonNode token(String grant) throws IOException, InterruptedException {
        String form = grant + "&client_id=" + FractalRealm.APP_CLIENT + "&client_secret=" + FractalRealm.APP_SECRET;
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(realm.url() + "/protocol/openid-connect/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return AdminApi.JSON.readTree(response.body());
    }

    /** GET with the user's bearer token, e.g. Keycloak's broker token endpoint. */
    public HttpResponse<String> getWithBearer(String url, String accessToken) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + accessToken)
                .header("Accept", "application/json").GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    /** POST a JSON body with the user's bearer token, e.g. to the realm's {@code /fractal/credentials}. */
    public HttpResponse<String> postWithBearer(String url, String accessToken, String json) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/json")
                .header("Accept", "application/json").POST(HttpRequest.BodyPublishers.ofString(json));
        if (accessToken != null) {
            request.header("Authorization", "Bearer " + accessToken);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
