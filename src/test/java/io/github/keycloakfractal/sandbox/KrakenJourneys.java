package io.github.keycloakfractal.sandbox;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Kraken's short-lived journey state: journeys whose page was shown but not yet decided, and the one-time tokens
 * that send a finished journey back to the integrator. Both are random opaque ids kept here, so the journey form
 * carries no level or state a browser could alter, and a token proves nothing beyond what this store remembers.
 * Both are single-use: taking one removes it, atomically, so two concurrent redemptions cannot both succeed.
 */
final class KrakenJourneys {
    /** As Fractal documents it for the one-time token. */
    static final Duration ONE_TIME_TOKEN_LIFETIME = Duration.ofMinutes(10);
    /** Not documented by Fractal: long enough for a person to decide, short enough that abandoned journeys go. */
    static final Duration JOURNEY_LIFETIME = Duration.ofHours(1);

    /** A journey page that was shown: the link form ({@code query} or {@code token}), level and state (or null). */
    record Journey(String form, String level, String state, Instant expiresAt) {
    }

    /** What a one-time token stands for: the Kraken user and the link's state (null for the query form). */
    record Completion(String userId, String externalState, Instant expiresAt) {
    }

    private final Map<String, Journey> journeys = new ConcurrentHashMap<>();
    private final Map<String, Completion> tokens = new ConcurrentHashMap<>();
    private final SecureRandom random = new SecureRandom();
    private final Clock clock;

    KrakenJourneys(Clock clock) {
        this.clock = clock;
    }

    /** Remembers a shown journey page; returns its id for the form. */
    String open(String form, String level, String state) {
        Instant now = clock.instant();
        journeys.values().removeIf(journey -> !now.isBefore(journey.expiresAt()));
        String id = randomId();
        journeys.put(id, new Journey(form, level, state, now.plus(JOURNEY_LIFETIME)));
        return id;
    }

    /** The open journey with that id, removed; empty if unknown, already decided or expired. */
    Optional<Journey> take(String id) {
        Journey journey = id == null ? null : journeys.remove(id);
        return journey != null && clock.instant().isBefore(journey.expiresAt()) ? Optional.of(journey) : Optional.empty();
    }

    /** A new one-time token (256 random bits, base64url) for a finished journey. */
    String issueToken(String userId, String externalState) {
        Instant now = clock.instant();
        tokens.values().removeIf(completion -> !now.isBefore(completion.expiresAt()));
        String token = randomId();
        tokens.put(token, new Completion(userId, externalState, now.plus(ONE_TIME_TOKEN_LIFETIME)));
        return token;
    }

    /** Redeems a one-time token: empty if unknown, already redeemed or expired (an expired one is gone too). */
    Optional<Completion> redeem(String token) {
        Completion completion = token == null ? null : tokens.remove(token);
        return completion != null && clock.instant().isBefore(completion.expiresAt()) ? Optional.of(completion) : Optional.empty();
    }

    private String randomId() {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
