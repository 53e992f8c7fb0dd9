package io.github.keycloakfractal.benchmark;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.keycloakfractal.testkit.AdminApi;
import io.github.keycloakfractal.testkit.KeycloakServer;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;

/**
 * The bootstrap admin's access token from the master realm ({@code admin-cli}), as an admin client holds one: obtained
 * once with the password, renewed with the refresh token 20 s before it expires (the master realm's tokens live 60 s),
 * shared by every caller thread. Renewing with the password again would hash it each time (Argon2, a few hundred
 * milliseconds of CPU), a cost Keycloak's own admin client does not pay and which would be charged to the admin side.
 */
final class AdminToken {
    private final KeycloakServer keycloak;
    private final HttpClient http;
    private String token;
    private String refreshToken;
    private Instant renewal = Instant.EPOCH;

    AdminToken(KeycloakServer keycloak, HttpClient http) {
        this.keycloak = keycloak;
        this.http = http;
    }

    synchronized String bearer() throws IOException, InterruptedException {
        if (Instant.now().isAfter(renewal)) {
            String form = refreshToken == null
                    ? "grant_type=password&client_id=admin-cli&username=" + KeycloakServer.ADMIN_USER + "&password=" + KeycloakServer.ADMIN_PASSWORD
                    : "grant_type=refresh_token&client_id=admin-cli&refresh_token=" + refreshToken;
            HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create(keycloak.realmUrl("master") + "/protocol/openid-connect/token"))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
            if (answer.statusCode() != 200) {
                throw new IOException("no admin token: " + answer.statusCode() + " " + answer.body());
            }
            JsonNode json = AdminApi.JSON.readTree(answer.body());
            token = json.path("access_token").asText();
            refreshToken = json.path("refresh_token").asText();
            renewal = Instant.now().plusSeconds(Math.max(5, json.path("expires_in").asLong() - 20));
        }
        return "Bearer " + token;
    }
}
