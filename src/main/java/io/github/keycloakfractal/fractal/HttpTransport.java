package io.github.keycloakfractal.fractal;

import java.io.IOException;
import java.util.Optional;

/**
 * One HTTP GET, as the core's API clients need it. The Keycloak side hands in Keycloak's own HTTP client, so the
 * truststore, proxy and timeouts configured for Keycloak apply; unit tests hand in a lambda.
 */
public interface HttpTransport {
    /** GET {@code url}, with {@code Authorization: Bearer} when a bearer credential is given. */
    Answer get(String url, Optional<String> bearer) throws IOException;

    /** The status and body of an answer, whatever the status. */
    record Answer(int status, String body) {
    }
}
