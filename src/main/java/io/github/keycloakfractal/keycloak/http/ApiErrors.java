package io.github.keycloakfractal.keycloak.http;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Every error the extension answers has one JSON shape, {@code {"error": ..., "error_description": ...}} (OAuth's),
 * optionally with more fields (a failed reconciliation still reports its runs). A 401 also carries the
 * {@code WWW-Authenticate: Bearer} challenge clients expect.
 */
public final class ApiErrors {
    private ApiErrors() {
    }

    public static Response error(Response.Status status, String error, String description) {
        return error(status, error, description, Map.of());
    }

    /** An error with more fields beside the two standard ones. */
    public static Response error(Response.Status status, String error, String description, Map<String, ?> more) {
        Map<String, Object> body = new LinkedHashMap<>(more);
        body.put("error", error);
        body.put("error_description", description);
        Response.ResponseBuilder response = Response.status(status).entity(body).type(MediaType.APPLICATION_JSON_TYPE);
        if (status == Response.Status.UNAUTHORIZED) {
            response.header("WWW-Authenticate", "Bearer error=\"" + error + "\"");
        }
        return response.build();
    }

    /** No bearer token, or one this realm did not issue, or an expired one. */
    public static Response unauthorized() {
        return error(Response.Status.UNAUTHORIZED, "invalid_token", "A bearer token issued by this realm is required.");
    }

    /** The body-size gate every endpoint that reads a body passes first: 413 above {@code maxBytes}. */
    public static Optional<Response> tooLarge(byte[] body, int maxBytes) {
        return body.length <= maxBytes ? Optional.empty() : Optional.of(error(Response.Status.REQUEST_ENTITY_TOO_LARGE,
                "payload_too_large", "The body exceeds " + maxBytes / 1024 + " KiB."));
    }
}
