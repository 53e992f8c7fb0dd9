package io.github.keycloakfractal.keycloak.broker;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.keycloakfractal.sandbox.FractalSandbox;
import io.github.keycloakfractal.testkit.AdminApi;
import io.github.keycloakfractal.testkit.Browser;
import io.github.keycloakfractal.testkit.FractalRealm;
import io.github.keycloakfractal.testkit.KeycloakServer;
import io.github.keycloakfractal.testkit.RealKeycloak;
import io.github.keycloakfractal.testkit.TestApp;
import io.github.keycloakfractal.testkit.pages.KeycloakLoginPage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.http.HttpResponse;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** "Store tokens": an expired Fractal access token is refreshed once, and Fractal's rotated refresh token is kept. */
@ExtendWith(RealKeycloak.class)
class StoredTokenIT {
    private final KeycloakServer keycloak;
    private final FractalSandbox sandbox;
    private final AdminApi admin;

    StoredTokenIT(KeycloakServer keycloak, FractalSandbox sandbox, AdminApi admin) {
        this.keycloak = keycloak;
        this.sandbox = sandbox;
        this.admin = admin;
    }

    @Test
    void anExpiredStoredTokenIsRefreshedOnceAndTheRotatedRefreshTokenIsKept() throws Exception {
        FractalRealm realm = FractalRealm.builder(admin, keycloak, sandbox).storeToken().create("stored");
        TestApp app = new TestApp(realm);
        String brokerTokenUrl = realm.url() + "/broker/" + FractalRealm.ALIAS + "/token";

        JsonNode tokens;
        String firstRefreshToken;
        sandbox.setAccessTokenLifetime(Duration.ofSeconds(2));
        try (Browser browser = Browser.open()) {
            browser.open(realm.accountConsoleUrl());
            new KeycloakLoginPage(browser).verifyWithFractal().as("alice").approve();
            browser.waitFor(d -> d.getCurrentUrl().startsWith(realm.accountConsoleUrl()) ? true : null);
            firstRefreshToken = sandbox.latestRefreshToken("alice");
            tokens = app.tokensFor(browser);
        } finally {
            sandbox.setAccessTokenLifetime(Duration.ofHours(2));
        }
        long refreshesBefore = refreshGrants();
        String userToken = tokens.path("access_token").asText();

        HttpResponse<String> first = app.getWithBearer(brokerTokenUrl, userToken);
        assertThat(first.statusCode()).as(first.body()).isEqualTo(200);
        JsonNode refreshed = AdminApi.JSON.readTree(first.body());

        assertThat(refreshGrants()).as("one refresh at Fractal").isEqualTo(refreshesBefore + 1);
        assertThat(refreshed.path("refresh_token").asText())
                .isNotEqualTo(firstRefreshToken)
                .isEqualTo(sandbox.latestRefreshToken("alice"));
        assertThat(refreshed.path("expires_in").asLong()).isEqualTo(7200);

        HttpResponse<String> second = app.getWithBearer(brokerTokenUrl, userToken);
        assertThat(second.statusCode()).isEqualTo(200);
        JsonNode kept = AdminApi.JSON.readTree(second.body());
        assertThat(refreshGrants()).as("a fresh token is not refreshed again").isEqualTo(refreshesBefore + 1);
        assertThat(kept.path("access_token").asText()).isEqualTo(refreshed.path("access_token").asText());
        assertThat(kept.path("refresh_token").asText()).isEqualTo(sandbox.latestRefreshToken("alice"));
        assertThat(sandbox.isRefreshTokenActive(kept.path("refresh_token").asText())).isTrue();
    }

    private long refreshGrants() {
        return sandbox.grantLog().stream().filter("refresh_token"::equals).count();
    }
}
