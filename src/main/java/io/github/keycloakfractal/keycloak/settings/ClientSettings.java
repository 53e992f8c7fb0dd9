package io.github.keycloakfractal.keycloak.settings;

import io.github.keycloakfractal.fractal.FractalEndpoints;
import io.github.keycloakfractal.fractal.FractalEnvironment;
import io.github.keycloakfractal.fractal.UserInfoShape;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Where Fractal is and who we are there: the environment, the user-info shape, the OAuth2 URL overrides (they reuse
 * the keys of Keycloak's OAuth2 config, {@code authorizationUrl}, {@code tokenUrl}, {@code userInfoUrl}, so an empty
 * override means "the environment's URL") and the client id and secret Keycloak's own general settings hold.
 */
public record ClientSettings(FractalEnvironment environment, UserInfoShape shape, FractalEndpoints endpoints,
                             Optional<String> clientId, Optional<String> clientSecretReference) {
    /** Keycloak's own keys for the client credentials (the general settings of every identity provider). */
    public static final String CLIENT_ID = "clientId";
    public static final String CLIENT_SECRET = "clientSecret";

    public static final Setting ENVIRONMENT = Setting.choice("environment", "Fractal environment",
            "production and staging use the URLs Fractal documents; custom uses only the URLs set below.",
            Arrays.stream(FractalEnvironment.values()).map(FractalEnvironment::configValue).toList(),
            FractalEnvironment.PRODUCTION.configValue());
    public static final Setting USER_INFO_SHAPE = Setting.choice("userInfoShape", "User info shape",
            "v2 reads /v2/users/me (emails with source type, verification cases); v1 reads /users/me (person, institution, verifications).",
            Arrays.stream(UserInfoShape.values()).map(UserInfoShape::configValue).toList(), UserInfoShape.V2.configValue());
    public static final Setting AUTHORIZATION_URL = Setting.text("authorizationUrl", "Authorization URL override",
            "Leave empty to use the environment's authorize URL.");
    public static final Setting TOKEN_URL = Setting.text("tokenUrl", "Token URL override",
            "Leave empty to use the environment's token URL.");
    public static final Setting USER_INFO_URL = Setting.text("userInfoUrl", "User info URL override",
            "Leave empty to use the environment's user-info URL for the chosen shape.");

    static final List<Setting> SETTINGS = List.of(ENVIRONMENT, USER_INFO_SHAPE, AUTHORIZATION_URL, TOKEN_URL, USER_INFO_URL);

    /** Refuses what cannot work: an unknown environment or shape, a URL that is not absolute http(s), a custom environment missing one. */
    public static ClientSettings from(Map<String, String> config) {
        FractalEnvironment environment = environment(config);
        UserInfoShape shape = UserInfoShape.fromConfig(config.get(USER_INFO_SHAPE.key()));
        FractalEndpoints endpoints = FractalEndpoints.resolve(environment, shape, AUTHORIZATION_URL.url(config).orElse(null),
                TOKEN_URL.url(config).orElse(null), USER_INFO_URL.url(config).orElse(null));
        return new ClientSettings(environment, shape, endpoints, blank(config.get(CLIENT_ID)), blank(config.get(CLIENT_SECRET)));
    }

    /** The client id alone (what the Credentials API messages and the statistics grant name), without checking the rest. */
    public static Optional<String> clientId(Map<String, String> config) {
        return blank(config.get(CLIENT_ID));
    }

    /** The environment alone: the other concerns derive their default hosts from it. */
    static FractalEnvironment environment(Map<String, String> config) {
        return FractalEnvironment.fromConfig(config.get(ENVIRONMENT.key()));
    }

    private static Optional<String> blank(String value) {
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.trim());
    }
}
