package io.github.keycloakfractal.keycloak.http;

import jakarta.ws.rs.core.Response;
import org.keycloak.models.KeycloakSession;
import org.keycloak.services.cors.Cors;

import java.util.Optional;
import java.util.Set;

/**
 * CORS for what browsers call (the caller's status and the wallet endpoints), with Keycloak's own CORS handling: an
 * answer carries {@code Access-Control-Allow-Origin} only for an origin among the web origins of the client that
 * issued the caller's token (its {@code allowed-origins} claim, from the client's Web origins setting), so a dApp on its
 * own origin can read it; any other origin, or no valid token, gets none. Preflights are answered like Keycloak's own
 * endpoints answer theirs. (Only the builder calls that Keycloak 26.5 and 26.7 share are used: 26.7 renamed the ones
 * that take the allowed origins.)
 */
public final class BrowserCors {
    private static final String[] METHODS = {"GET", "POST", "OPTIONS"};
    private static final String ANY = "*";

    private BrowserCors() {
    }

    /** The answer to a caller, with CORS headers when the request's origin is one the caller's client allows. */
    public static Response answer(KeycloakSession session, Optional<BearerUser> caller, Response response) {
        String origin = session.getContext().getRequestHeaders().getHeaderString("Origin");
        Set<String> allowed = caller.map(BearerUser::token).map(token -> token.getAllowedOrigins()).orElse(null);
        if (origin != null && allowed != null && (allowed.contains(origin) || allowed.contains(ANY))) {
            session.getProvider(Cors.class).auth().allowAllOrigins().allowedMethods(METHODS).exposedHeaders("WWW-Authenticate").add();
        }
        return response;
    }

    /** {@code OPTIONS}: which methods and headers a browser may use. */
    public static Response preflight(KeycloakSession session) {
        return session.getProvider(Cors.class).auth().preflight().allowedMethods(METHODS).add(Response.ok());
    }
}
