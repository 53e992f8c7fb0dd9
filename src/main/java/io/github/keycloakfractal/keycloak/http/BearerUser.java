package io.github.keycloakfractal.keycloak.http;

import jakarta.ws.rs.NotAuthorizedException;
import org.keycloak.models.ClientModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.UserModel;
import org.keycloak.representations.AccessToken;
import org.keycloak.services.managers.AppAuthManager;
import org.keycloak.services.managers.AuthenticationManager;

import java.util.Optional;

/**
 * The user behind a bearer token issued by this realm, and the client it was issued to (whose web origins a browser
 * dApp may call from); empty for a missing, malformed, expired or foreign token, however malformed (the caller then
 * gets a 401, never a server error).
 */
public record BearerUser(UserModel user, ClientModel client, AccessToken token) {

    public static Optional<BearerUser> of(KeycloakSession session) {
        try {
            AuthenticationManager.AuthResult result = new AppAuthManager.BearerTokenAuthenticator(session).authenticate();
            return Optional.ofNullable(result).map(auth -> new BearerUser(auth.user(), auth.client(), auth.token()));
        } catch (NotAuthorizedException malformed) {
            return Optional.empty();
        } catch (RuntimeException unverifiable) {
            // Keycloak's verifier fails with a NullPointerException on a token whose header has no "alg": still just a bad token
            return Optional.empty();
        }
    }
}
