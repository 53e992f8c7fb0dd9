package io.github.keycloakfractal.keycloak.http;

import jakarta.ws.rs.NotAuthorizedException;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.UserModel;
import org.keycloak.services.managers.AppAuthManager;
import org.keycloak.services.managers.AuthenticationManager;

import java.util.Optional;

/** The user behind a bearer token issued by this realm, or empty for a missing, malformed, expired or foreign token. */
public final class BearerUser {
    private BearerUser() {
    }

    public static Optional<UserModel> of(KeycloakSession session) {
        try {
            AuthenticationManager.AuthResult result = new AppAuthManager.BearerTokenAuthenticator(session).authenticate();
            return Optional.ofNullable(result).map(AuthenticationManager.AuthResult::user);
        } catch (NotAuthorizedException malformed) {
            return Optional.empty();
        }
    }
}
