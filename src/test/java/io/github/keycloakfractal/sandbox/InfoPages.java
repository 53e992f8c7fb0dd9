package io.github.keycloakfractal.sandbox;

import com.sun.net.httpserver.HttpExchange;

import java.io.IOException;
import java.util.Map;

/**
 * Pages that are not part of Fractal's contract: an index at {@code /} that tells a person where they are, and
 * {@code /test-app/*}, a landing page for the test application behind Keycloak (tests read the code from the URL,
 * the page does not show it).
 */
final class InfoPages {
    private final FractalSandbox sandbox;

    InfoPages(FractalSandbox sandbox) {
        this.sandbox = sandbox;
    }

    void index(HttpExchange exchange) throws IOException {
        StringBuilder body = new StringBuilder("<h1>").append(Html.TITLE).append("</h1>\n<table>\n");
        row(body, "Authorize", sandbox.authorizeUrl());
        row(body, "Token", sandbox.tokenUrl());
        row(body, "User info v1", sandbox.userInfoV1Url());
        row(body, "User info v2", sandbox.userInfoV2Url());
        row(body, "Client id", FractalSandbox.DEFAULT_CLIENT_ID);
        row(body, "Statistics", sandbox.statsUrl() + "/{user,total,country}-verifications");
        row(body, "Credentials API", sandbox.credentialsUrl() + "/ (signer " + sandbox.credentials().signerAddress() + ")");
        body.append("</table>\n<p>Users (pick one on the consent page):</p>\n<table>\n");
        for (SandboxUser user : sandbox.users()) {
            row(body, user.key(), user.describe());
        }
        body.append("</table>");
        Exchanges.sendHtml(exchange, 200, Html.page(body.toString()));
    }

    void testAppCallback(HttpExchange exchange) throws IOException {
        if (!exchange.getRequestURI().getPath().startsWith("/test-app/")) {
            Exchanges.sendJson(exchange, 404, Map.of("error", "not_found"));
            return;
        }
        Exchanges.sendHtml(exchange, 200, Html.page("<h1>Test app</h1>\n<p>The authorization response has arrived.</p>"));
    }

    private static void row(StringBuilder body, String name, String value) {
        body.append("<tr><td>").append(Html.escape(name)).append("</td><td>").append(Html.escape(value)).append("</td></tr>\n");
    }
}
