package io.github.keycloakfractal.fractal;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * One HTTP GET, as the core's API clients need it. The Keycloak side hands in Keycloak's own HTTP client, so the
 * truststore, proxy and timeouts configured for Keycloak apply; unit tests hand in a lambda.
 */
public interface HttpTransport {
    /** GET {@code url}, with {@code Authorization: Bearer} when a bearer credential is given. */
    Answer get(String url, Optional<String> bearer) throws IOException;

    /**
     * GET whose 200 body is handed to {@code reader} as it arrives, never held whole: a statistics answer has a row per
     * user of the application (100 000 users are about 8 MB). Any other status comes back without its body. The
     * default reads through {@link #get}, which is what a test's lambda needs; Keycloak's transport streams.
     */
    default <T, E extends Exception> Streamed<T> stream(String url, Optional<String> bearer, BodyReader<T, E> reader) throws IOException, E {
        Answer answer = get(url, bearer);
        if (answer.status() != 200) {
            return new Streamed<>(answer.status(), Optional.empty());
        }
        return new Streamed<>(200, Optional.of(reader.read(new ByteArrayInputStream(answer.body().getBytes(StandardCharsets.UTF_8)))));
    }

    /** Reads a body as a stream. */
    @FunctionalInterface
    interface BodyReader<T, E extends Exception> {
        T read(InputStream body) throws IOException, E;
    }

    /** The status and body of an answer, whatever the status. */
    record Answer(int status, String body) {
    }

    /** The status, and what the reader made of a 200 body. */
    record Streamed<T>(int status, Optional<T> value) {
    }
}
