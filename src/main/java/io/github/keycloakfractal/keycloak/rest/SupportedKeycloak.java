package io.github.keycloakfractal.keycloak.rest;

/**
 * Keycloak 26.5 moved the login methods of identity providers into a new interface
 * ({@code UserAuthenticationIdentityProvider}); the extension is built against it, so on an older Keycloak every
 * Fractal login would fail with a {@code NoClassDefFoundError}. Instead the server refuses to start, once, saying why.
 */
final class SupportedKeycloak {
    static final String MINIMUM = "26.5";
    private static final String MARKER = "org.keycloak.broker.provider.UserAuthenticationIdentityProvider";

    private SupportedKeycloak() {
    }

    /** Throws, naming the minimum version, when this Keycloak is older than it. */
    static void require(ClassLoader classes, String runningVersion) {
        try {
            Class.forName(MARKER, false, classes);
        } catch (ClassNotFoundException older) {
            throw new IllegalStateException("keycloak-fractal needs Keycloak " + MINIMUM + " or newer; this server is Keycloak "
                    + runningVersion + ". Remove the keycloak-fractal JAR from providers/ or upgrade Keycloak (see the README's compatibility table).");
        }
    }
}
