package io.github.keycloakfractal.keycloak.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.keycloakfractal.sandbox.FractalSandbox;
import io.github.keycloakfractal.sandbox.SandboxCredentials;
import io.github.keycloakfractal.testkit.AdminApi;
import io.github.keycloakfractal.testkit.FractalRealm;
import io.github.keycloakfractal.testkit.KeycloakServer;
import io.github.keycloakfractal.testkit.RealKeycloak;
import io.github.keycloakfractal.testkit.WalletHolder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A dApp in a browser on its own origin calls the wallet endpoints and {@code /status}: Keycloak's CORS handling lets
 * the web origins of the client that issued the token read the answers, answers preflights, and gives any other origin
 * nothing to read.
 */
@ExtendWith(RealKeycloak.class)
class BrowserCorsIT {
    private static final String DAPP = "https://dapp.example";
    private static final String EVIL = "https://evil.example";

    private final KeycloakServer keycloak;
    private final FractalSandbox sandbox;
    private final AdminApi admin;
    private final HttpClient http = HttpClient.newHttpClient();

    BrowserCorsIT(KeycloakServer keycloak, FractalSandbox sandbox, AdminApi admin) {
        this.keycloak = keycloak;
        this.sandbox = sandbox;
        this.admin = admin;
    }

    @Test
    void theTokensClientsWebOriginsReadTheAnswersAndNoOtherOriginDoes() throws Exception {
        FractalRealm realm = realm();
        WalletHolder user = WalletHolder.signUp(realm, "browser");
        String token = user.tokens().accessToken();

        for (String path : List.of("/fractal/status", "/fractal/credentials/challenge")) {
            HttpResponse<String> fromDapp = get(realm.url() + path, token, DAPP);
            assertThat(fromDapp.statusCode()).as(path).isEqualTo(200);
            assertThat(fromDapp.headers().firstValue("Access-Control-Allow-Origin")).as(path).contains(DAPP);
            assertThat(fromDapp.headers().firstValue("Access-Control-Allow-Credentials")).contains("true");

            HttpResponse<String> fromElsewhere = get(realm.url() + path, token, EVIL);
            assertThat(fromElsewhere.statusCode()).isEqualTo(200);
            assertThat(fromElsewhere.headers().firstValue("Access-Control-Allow-Origin")).as(path).isEmpty();
        }
        HttpResponse<String> posted = http.send(HttpRequest.newBuilder(URI.create(realm.url() + "/fractal/credentials"))
                .header("Authorization", "Bearer " + token).header("Origin", DAPP).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(posted.statusCode()).as("a refusal a dApp can read").isEqualTo(400);
        assertThat(posted.headers().firstValue("Access-Control-Allow-Origin")).contains(DAPP);

        HttpResponse<String> noToken = get(realm.url() + "/fractal/status", null, DAPP);
        assertThat(noToken.statusCode()).isEqualTo(401);
        assertThat(noToken.headers().firstValue("Access-Control-Allow-Origin")).as("no token, no client, no origin").isEmpty();
    }

    @Test
    void preflightsAreAnswered() throws Exception {
        FractalRealm realm = realm();
        for (String path : List.of("/fractal/status", "/fractal/credentials", "/fractal/credentials/challenge")) {
            HttpResponse<String> preflight = http.send(HttpRequest.newBuilder(URI.create(realm.url() + path))
                    .header("Origin", DAPP).header("Access-Control-Request-Method", "POST")
                    .header("Access-Control-Request-Headers", "authorization, content-type")
                    .method("OPTIONS", HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(preflight.statusCode()).as(path).isEqualTo(200);
            assertThat(preflight.headers().firstValue("Access-Control-Allow-Origin")).contains(DAPP);
            assertThat(preflight.headers().firstValue("Access-Control-Allow-Methods").orElse("")).contains("POST").contains("GET");
            assertThat(preflight.headers().firstValue("Access-Control-Allow-Headers").orElse("")).containsIgnoringCase("Authorization");
        }
    }

    private FractalRealm realm() {
        FractalRealm realm = FractalRealm.builder(admin, keycloak, sandbox).userInfoShape("v2")
                .config("credentialsUrl", sandbox.credentialsUrl()).config("credentialsSigner", SandboxCredentials.SIGNER_ADDRESS)
                .create("cors");
        JsonNode app = admin.get(realm.adminPath() + "/clients?clientId=" + FractalRealm.APP_CLIENT).get(0);
        ((ObjectNode) app).set("webOrigins", AdminApi.JSON.valueToTree(List.of(DAPP)));
        admin.put(realm.adminPath() + "/clients/" + app.path("id").asText(), app);
        return realm;
    }

    private HttpResponse<String> get(String url, String token, String origin) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).header("Origin", origin).header("Accept", "application/json").GET();
        Optional.ofNullable(token).ifPresent(value -> request.header("Authorization", "Bearer " + value));
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
