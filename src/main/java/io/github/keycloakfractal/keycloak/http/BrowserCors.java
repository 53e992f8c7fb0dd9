package io.github.keycloakfractal.keycloak.http;

import jakarta.ws.rs.core.Response;
import org.keycloak.models.KeycloakSession;
import org.keycloak.services.cors.Cors;

import java.util.Optional;

/**
 * CORS for what browsers call (the caller's status and the wallet endpoints), with Keycloak's own CORS handling: an
 * answer carries {@code Access-Control-Allow-Origin} only for an origin among the web origins of the client that
 * issued the caller's token (a dApp on its own origin can then read it); any other origin, or no valid token, gets
 * none. Preflights are answered like Keycloak's own endpoints answer theirs.
 */
public final class BrowserCors {
    private static final String[] METHODS = {"GET", "POST", "OPTIONS"};

    private BrowserCors() {
    }

    /** The answer to a caller, with CORS headers for the web origins of the client that issued their token. */
    public static Response answer(KeycloakSession session, Optional<BearerUser> caller, Response response) {
        Cors cors = session.getProvider(Cors.class).auth().allowedMethods(METHODS).exposedHeaders("WWW-Authenticate");
        caller.map(BearerUser::client).ifPresent(client -> cors.allowedOrigins(session, client));
        cors.add();
        return response;
    }

    /** {@code OPTIONS}: which methods and headers a browser may use. */
    public static Response preflight(KeycloakSession session) {
        return session.getProvider(Cors.class).auth().preflight().allowedMethods(METHODS).add(Response.ok());
    }
}
