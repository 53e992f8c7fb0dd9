package io.github.keycloakfractal.sandbox;

import java.util.LinkedHashMap;
import java.util.Map;

/** An RFC 6749 error answer with Doorkeeper's wording: HTTP status, error code and description. */
final class OAuthError extends RuntimeException {
    private final int status;
    private final String error;

    OAuthError(int status, String error, String description) {
        super(description, null, false, false);
        this.status = status;
        this.error = error;
    }

    static OAuthError invalidRequest(String description) {
        return new OAuthError(400, "invalid_request", description);
    }

    static OAuthError invalidClient() {
        return new OAuthError(401, "invalid_client", "Client authentication failed due to unknown client, "
                + "no client authentication included, or unsupported authentication method.");
    }

    static OAuthError invalidGrant() {
        return new OAuthError(400, "invalid_grant", "The provided authorization grant is invalid, expired, revoked, "
                + "does not match the redirection URI used in the authorization request, or was issued to another client.");
    }

    static OAuthError unsupportedGrantType() {
        return new OAuthError(400, "unsupported_grant_type", "The authorization grant type is not supported by the authorization server.");
    }

    static OAuthError invalidScope() {
        return new OAuthError(400, "invalid_scope", "The requested scope is invalid, unknown, or malformed.");
    }

    int status() {
        return status;
    }

    String error() {
        return error;
    }

    String description() {
        return getMessage();
    }

    Map<String, String> body() {
        Map<String, String> body = new LinkedHashMap<>();
        body.put("error", error);
        body.put("error_description", getMessage());
        return body;
    }
}
