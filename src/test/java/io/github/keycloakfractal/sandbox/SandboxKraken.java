package io.github.keycloakfractal.sandbox;

import java.security.PublicKey;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Kraken as Fractal runs it for one integrator: Kraken users with a KYC status and note, the integrator's client id
 * with both credential forms (the early static API key, and the ES512 public key its JWTs are checked against), the
 * redirect URL given at setup, and logs of how each API call authenticated and which link form each journey came
 * in by, so tests can see which forms the extension used.
 */
public final class SandboxKraken {
    public static final String CLIENT_ID = "sandbox-kraken-client";
    /** Kraken's first credential form; a well-known test value. */
    public static final String API_KEY = "sandbox-kraken-api-key";
    /** The level of users added by {@link #addUser}, who never went through a journey. */
    static final String DEFAULT_LEVEL = "basic+liveness";
    /** Kraken's statuses, which the journey page offers as decisions. */
    static final Set<String> STATUSES = Set.of("approved", "pending", "rejected");

    record KrakenUser(String status, String note, String level) {
    }

    private final Map<String, KrakenUser> users = new ConcurrentHashMap<>();
    private final List<String> authLog = new CopyOnWriteArrayList<>();
    private final List<String> journeyLog = new CopyOnWriteArrayList<>();
    private final KrakenJourneys journeys;
    private volatile PublicKey publicKey;
    private volatile String redirectUrl;
    private volatile Optional<String> lastJourneyState = Optional.empty();
    private volatile Optional<String> lastJourneyUserId = Optional.empty();

    /** {@code clock} decides when journeys and one-time tokens expire. */
    SandboxKraken(Clock clock) {
        this.journeys = new KrakenJourneys(clock);
    }

    /** A new Kraken user with that status ({@code approved}, {@code pending} or {@code rejected}); returns its id. */
    public String addUser(String status) {
        String id = UUID.randomUUID().toString();
        setStatus(id, status, "");
        return id;
    }

    /** Sets a user's status and note (as Kraken's reviewers would); the user's level stays as it was. */
    public void setStatus(String id, String status, String note) {
        users.compute(id, (key, old) -> new KrakenUser(status, note, old == null ? DEFAULT_LEVEL : old.level()));
    }

    /** A Kraken user's status; throws if unknown. */
    public String status(String krakenUserId) {
        return known(krakenUserId).status();
    }

    /** A Kraken user's note ({@code ""} when none); throws if unknown. */
    public String note(String krakenUserId) {
        return known(krakenUserId).note();
    }

    /** The integrator's ES512 public key (P-521), as given to Fractal at setup. */
    public void registerPublicKey(PublicKey key) {
        this.publicKey = key;
    }

    /**
     * The integrator's redirect URL, as given to Fractal at setup: a finished journey returns there with
     * {@code oneTimeToken} added to the query. Absolute http(s) without a fragment.
     */
    public void registerRedirectUrl(String url) {
        if (!Exchanges.isAcceptableRedirectUri(url)) {
            throw new IllegalArgumentException("the redirect URL must be absolute http(s) without a fragment");
        }
        this.redirectUrl = url;
    }

    /** "api-key" or "jwt" per authenticated API call, in order. */
    public List<String> authLog() {
        return List.copyOf(authLog);
    }

    /** "query" or "token" per journey page shown for a valid link, in order: which link form the journey came in by. */
    public List<String> journeyLog() {
        return List.copyOf(journeyLog);
    }

    /** The {@code state} of the newest valid link's JWT; empty if it had none (always for the query form). */
    public Optional<String> lastJourneyState() {
        return lastJourneyState;
    }

    /** The Kraken user created by the newest finished journey. */
    public Optional<String> lastJourneyUserId() {
        return lastJourneyUserId;
    }

    KrakenUser user(String id) {
        return users.get(id);
    }

    PublicKey publicKey() {
        return publicKey;
    }

    Optional<String> redirectUrl() {
        return Optional.ofNullable(redirectUrl);
    }

    void authenticated(String form) {
        authLog.add(form);
    }

    /** A valid link arrived and its page is shown: logs it and returns the journey id the page's form carries. */
    String startJourney(String form, String level, String state) {
        journeyLog.add(form);
        lastJourneyState = Optional.ofNullable(state);
        return journeys.open(form, level, state);
    }

    /**
     * Finishes an open journey with a decision: a new Kraken user with that status, note and the link's level.
     * Returns the one-time token for the return, or empty if the journey is unknown, expired or already finished.
     */
    Optional<String> finishJourney(String journeyId, String status, String note) {
        return journeys.take(journeyId).map(journey -> {
            String id = UUID.randomUUID().toString();
            users.put(id, new KrakenUser(status, note, journey.level()));
            lastJourneyUserId = Optional.of(id);
            return journeys.issueToken(id, journey.state());
        });
    }

    /** Redeems a one-time token (single use, {@link KrakenJourneys#ONE_TIME_TOKEN_LIFETIME}). */
    Optional<KrakenJourneys.Completion> redeem(String oneTimeToken) {
        return journeys.redeem(oneTimeToken);
    }

    private KrakenUser known(String id) {
        KrakenUser user = id == null ? null : users.get(id);
        if (user == null) {
            throw new IllegalArgumentException("no Kraken user " + id);
        }
        return user;
    }
}
