package io.github.keycloakfractal.keycloak.rest;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.util.LinkedHashMap;
import java.util.Map;

/** Every error of the realm resource has one JSON shape: {@code {"error": ..., "error_description": ...}}. */
public final class ApiErrors {
    private ApiErrors() {
    }

    public static Response error(Response.Status status, String error, String description) {
        Map<String, String> body = new LinkedHashMap<>();
        body.put("error", error);
        body.put("error_description", description);
        Response.ResponseBuilder response = Response.status(status).entity(body).type(MediaType.APPLICATION_JSON_TYPE);
        if (status == Response.Status.UNAUTHORIZED) {
            response.header("WWW-Authenticate", "Bearer error=\"" + error + "\"");
        }
        return response.build();
    }
}
