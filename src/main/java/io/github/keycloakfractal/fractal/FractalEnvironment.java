package io.github.keycloakfractal.fractal;

import java.util.Optional;

/**
 * Where Fractal lives. Production and staging carry the hosts Fractal documents; {@link #CUSTOM} has none, so every
 * URL must then be configured explicitly (a self-hosted sandbox, a proxy, or a host Fractal renamed).
 */
public enum FractalEnvironment {
    PRODUCTION("https://app.fractal.id", "https://auth.fractal.id", "https://resource.fractal.id", "https://kraken.fractal.id",
            "https://credentials.fractal.id"),
    // the staging Credentials host after Fractal's 2024-12 domain move (fractal-api.md Q7)
    STAGING("https://app.staging.sandbox.fractal.id", "https://auth.staging.sandbox.fractal.id",
            "https://resource.staging.sandbox.fractal.id", "https://kraken.staging.sandbox.fractal.id",
            "https://credentials.staging.sandbox.fractal.id"),
    CUSTOM(null, null, null, null, null);

    private final String frontend;
    private final String auth;
    private final String resource;
    private final String kraken;
    private final String credentials;

    FractalEnvironment(String frontend, String auth, String resource, String kraken, String credentials) {
        this.frontend = frontend;
        this.auth = auth;
        this.resource = resource;
        this.kraken = kraken;
        this.credentials = credentials;
    }

    /** Kraken, Fractal's newer KYC flow: journey pages and its API share one host. */
    public Optional<String> krakenUrl() {
        return Optional.ofNullable(kraken);
    }

    /** The Credentials API, which turns a wallet owner's signed message into a proof signed by Fractal. */
    public Optional<String> credentialsUrl() {
        return Optional.ofNullable(credentials);
    }

    /** The statistics API (client-credentials token with {@code client.stats:read}). */
    public Optional<String> statsUrl() {
        return Optional.ofNullable(resource).map(base -> base + "/v2/stats");
    }

    /** The configuration value of this environment, as shown on the admin page. */
    public String configValue() {
        return ConfigValues.name(this);
    }

    /** Blank means production, the safe default for a plugin that talks to the real Fractal. */
    public static FractalEnvironment fromConfig(String value) {
        return ConfigValues.parse(values(), value, PRODUCTION, "Fractal environment");
    }

    Optional<String> authorizeUrl() {
        return Optional.ofNullable(frontend).map(base -> base + "/authorize");
    }

    Optional<String> tokenUrl() {
        return Optional.ofNullable(auth).map(base -> base + "/oauth/token");
    }

    Optional<String> userInfoUrl(UserInfoShape shape) {
        return Optional.ofNullable(resource).map(base -> base + shape.path());
    }
}
