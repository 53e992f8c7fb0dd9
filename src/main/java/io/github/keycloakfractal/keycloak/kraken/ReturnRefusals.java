package io.github.keycloakfractal.keycloak.kraken;

import io.github.keycloakfractal.keycloak.http.ApiErrors;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.keycloak.services.ErrorPage;
import org.keycloak.models.KeycloakSession;

/**
 * Refusals of the Kraken return, which people reach in a browser: a browser gets Keycloak's error page in the
 * realm's login theme (with a message from the extension's theme resources), any other caller the JSON error every
 * endpoint of the extension uses. Both carry the same status.
 */
final class ReturnRefusals {
    private final KeycloakSession session;

    ReturnRefusals(KeycloakSession session) {
        this.session = session;
    }

    Response refuse(Response.Status status, String error, String description, String messageKey) {
        boolean browser = session.getContext().getRequestHeaders().getAcceptableMediaTypes().stream()
                .anyMatch(type -> type.isCompatible(MediaType.TEXT_HTML_TYPE) && !type.isWildcardType());
        return browser ? ErrorPage.error(session, null, status, messageKey) : ApiErrors.error(status, error, description);
    }
}
