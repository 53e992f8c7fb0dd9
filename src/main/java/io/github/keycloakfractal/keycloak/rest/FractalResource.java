package io.github.keycloakfractal.keycloak.rest;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.keycloak.models.KeycloakSession;

/**
 * {@code /realms/{realm}/fractal/...}. Each method only routes; the work lives in small classes beside it. Every
 * method carries its own {@code @Path} (Keycloak 23+ answers 405 without one).
 */
public final class FractalResource {
    private final KeycloakSession session;

    FractalResource(KeycloakSession session) {
        this.session = session;
    }

    /** The caller's own KYC state; a bearer token of this realm is required. */
    @GET
    @Path("status")
    @Produces(MediaType.APPLICATION_JSON)
    public Response status() {
        return BearerUser.of(session)
                .map(user -> Response.ok(KycStatusView.of(user), MediaType.APPLICATION_JSON_TYPE).build())
                .orElseGet(() -> ApiErrors.error(Response.Status.UNAUTHORIZED, "invalid_token",
                        "A bearer token issued by this realm is required."));
    }
}
