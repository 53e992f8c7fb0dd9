package io.github.keycloakfractal.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;

/**
 * Keycloak's admin REST API as a test sees it: plain HTTP with the bootstrap admin's token from the master realm
 * (renewed before it expires). Requests are JSON in and out; a non-2xx answer fails the test with its body, unless
 * the raw {@link #send} is used to check error answers.
 */
public final class AdminApi {
    public static final ObjectMapper JSON = new ObjectMapper();

    private final KeycloakServer keycloak;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private String token;
    private Instant tokenRenewal = Instant.EPOCH;

    public AdminApi(KeycloakServer keycloak) {
        this.keycloak = keycloak;
    }

    public JsonNode get(String path) {
        return json(expect2xx("GET", path, send("GET", path, null)));
    }

    public JsonNode post(String path, Object body) {
        return json(expect2xx("POST", path, send("POST", path, body)));
    }

    public void put(String path, Object body) {
        expect2xx("PUT", path, send("PUT", path, body));
    }

    public void delete(String path) {
        expect2xx("DELETE", path, send("DELETE", path, null));
    }

    /** {@code path} starts below {@code /admin}, e.g. {@code /realms/demo/users}. */
    public HttpResponse<String> send(String method, String path, Object body) {
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(keycloak.baseUrl() + "/admin" + path))
                    .timeout(Duration.ofSeconds(30))
                    .header("Authorization", "Bearer " + token())
                    .header("Accept", "application/json");
            if (body == null) {
                request.method(method, HttpRequest.BodyPublishers.noBody());
            } else {
                request.header("Content-Type", "application/json")
                        .method(method, HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
            }
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private synchronized String token() throws IOException, InterruptedException {
        if (Instant.now().isAfter(tokenRenewal)) {
            String form = "grant_type=password&client_id=admin-cli&username=" + KeycloakServer.ADMIN_USER
                    + "&password=" + KeycloakServer.ADMIN_PASSWORD;
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                            URI.create(keycloak.realmUrl("master") + "/protocol/openid-connect/token"))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
            JsonNode answer = json(expect2xx("POST", "master token", response));
            token = answer.get("access_token").asText();
            tokenRenewal = Instant.now().plusSeconds(Math.max(5, answer.get("expires_in").asLong() - 20));
        }
        return token;
    }

    private static String expect2xx(String method, String path, HttpResponse<String> response) {
        if (response.statusCode() / 100 != 2) {
            throw new AssertionError(method + " " + path + " answered " + response.statusCode() + ": " + response.body());
        }
        return response.body();
    }

    private static JsonNode json(String body) {
        try {
            return body == null || body.isBlank() ? JSON.nullNode() : JSON.readTree(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
