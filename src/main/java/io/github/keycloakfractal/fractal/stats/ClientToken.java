package io.github.keycloakfractal.fractal.stats;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.keycloakfractal.fractal.HttpTransport;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * A client-credentials access token with {@code client.stats:read}, kept until shortly before it expires (Fractal's
 * tokens live two hours) so runs do not ask for a new one each time; forgotten when Fractal refuses it. The grant
 * is handed in with each call ({@link Grant}), so the Keycloak side posts it with the session's HTTP client and vault.
 */
public final class ClientToken {
    public static final String SCOPE = "client.stats:read";
    private static final Duration MARGIN = Duration.ofSeconds(60);
    private static final ObjectMapper JSON = new ObjectMapper();

    /** POSTs {@code grant_type=client_credentials&scope=client.stats:read} with the client's credentials. */
    @FunctionalInterface
    public interface Grant {
        HttpTransport.Answer request() throws IOException, StatsException;
    }

    private record Held(String value, Instant expiresAt) {
    }

    private final Clock clock;
    private Held held;

    public ClientToken(Clock clock) {
        this.clock = clock;
    }

    /** The held token while it lives, else a new one from {@code grant}. */
    public synchronized String bearer(Grant grant) throws StatsException {
        if (held != null && clock.instant().isBefore(held.expiresAt())) {
            return held.value();
        }
        HttpTransport.Answer answer;
        try {
            answer = grant.request();
        } catch (IOException e) {
            throw new StatsException("Fractal's token endpoint is unreachable: " + e.getClass().getSimpleName());
        }
        if (answer.status() != 200) {
            throw new StatsException("Fractal's token endpoint refused the client-credentials grant (HTTP " + answer.status() + ")");
        }
        try {
            JsonNode token = JSON.readTree(answer.body());
            String value = token.path("access_token").asText("");
            if (value.isEmpty() || !"bearer".equalsIgnoreCase(token.path("token_type").asText("bearer"))) {
                throw new StatsException("Fractal's token endpoint answered without a bearer access token");
            }
            long lifetime = token.path("expires_in").asLong(0);
            held = new Held(value, clock.instant().plusSeconds(lifetime).minus(MARGIN));
            return value;
        } catch (IOException e) {
            throw new StatsException("Fractal's token endpoint answered something that is not JSON");
        }
    }

    public synchronized void forget() {
        held = null;
    }
}
