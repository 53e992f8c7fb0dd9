package io.github.keycloakfractal.sandbox;

import com.sun.net.httpserver.HttpExchange;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The resource server's side of bearer tokens, shared by every endpoint that takes one (user info, statistics), so
 * they read the header and refuse a token in exactly the same way, as Doorkeeper does for all of Fractal's APIs.
 */
final class BearerAuth {
    static final String INSUFFICIENT_SCOPE_DESCRIPTION = "The request requires higher privileges than provided by the access token.";

    private BearerAuth() {
    }

    /** The token of an {@code Authorization: Bearer <token>} header (scheme matched case-insensitively), if any. */
    static Optional<String> token(HttpExchange exchange) {
        return Exchanges.header(exchange, "Authorization")
                .filter(value -> value.regionMatches(true, 0, "Bearer ", 0, 7))
                .map(value -> value.substring(7).trim())
                .filter(token -> !token.isEmpty());
    }

    /** RFC 6750 3.1: the error in {@code WWW-Authenticate}, and (as Doorkeeper does) in a JSON body too. */
    static void refuse(HttpExchange exchange, int status, String error, String description) throws IOException {
        exchange.getResponseHeaders().set("WWW-Authenticate",
                "Bearer error=\"" + error + "\", error_description=\"" + description + "\"");
        Map<String, String> body = new LinkedHashMap<>();
        body.put("error", error);
        body.put("error_description", description);
        Exchanges.sendJson(exchange, status, body);
    }
}
