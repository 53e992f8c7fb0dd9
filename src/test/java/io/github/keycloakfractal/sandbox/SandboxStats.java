package io.github.keycloakfractal.sandbox;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

/**
 * The statistics API's side of Fractal (fractal-api.md section 7), served under {@code /v2/stats/}: what an
 * integrator's back office sees of its users' verifications, so tests can check that Keycloak reconciles its users
 * with Fractal's view of them.
 *
 * <p>The statistics are not a second copy of the users: they are computed on every request from the consent page's
 * users as they are at that moment, so a test that approves or rejects a seeded user behind Keycloak's back with
 * {@link SandboxUser#approve()}, {@link SandboxUser#setCase} and the like sees it in the next statistics call. How a
 * case becomes a row is {@link StatsOutcomes}'s business.
 *
 * <p>Besides those users there are synthetic ones, for benchmarks with thousands of users: each is only a uid and one
 * case (level and the row's credential), kept here rather than among the consent page's users so the consent page,
 * the index page and the banner stay short and fast. They have no residential country, so they count in
 * {@code total-verifications} but not in {@code country-verifications}.
 *
 * <p>Switches make the API misbehave as Fractal has: the original map shape of {@code user-verifications}, and an
 * outage. Every piece of state is thread-safe: Keycloak's reconciliation reads while a test thread changes users.
 */
public final class SandboxStats {
    /** What a row's {@code credential} (and a user's overall status) can be. */
    static final List<String> OUTCOMES = List.of(StatsOutcomes.APPROVED, StatsOutcomes.REJECTED, StatsOutcomes.PENDING,
            StatsOutcomes.CONTACTED, StatsOutcomes.EXPIRED);

    /** One row of {@code user-verifications}: a case as the statistics report it. */
    record Case(String level, String credential) {
    }

    /** A user with at least one case, as of one request; {@code country} may be null (unknown, or synthetic). */
    record User(String uid, String country, List<Case> cases) {
        /** The status this user counts as in the overall views (see {@link StatsOutcomes#overall}). */
        String overall() {
            return StatsOutcomes.overall(cases.stream().map(Case::credential).toList());
        }
    }

    private final SandboxUsers users;
    /** Synthetic users by uid, in the order they were added; guarded by {@code this}. */
    private final Map<String, User> synthetic = new LinkedHashMap<>();
    private final AtomicInteger requestCount = new AtomicInteger();
    private volatile boolean originalShape;
    private volatile boolean down;
    private volatile boolean cutOff;

    SandboxStats(SandboxUsers users) {
        this.users = Objects.requireNonNull(users, "users");
    }

    /**
     * {@code true}: {@code user-verifications} answers in its 2019 shape, {@code {"<uid>": "<overall status>"}};
     * {@code false} (the default): today's rows, one per user and case.
     */
    public void useOriginalShape(boolean original) {
        this.originalShape = original;
    }

    /** While down, every statistics request is answered 503, before any authentication: Fractal is unreachable. */
    public void setDown(boolean down) {
        this.down = down;
    }

    /**
     * While cut off, {@code user-verifications} announces its whole answer (status 200, its length) but the connection
     * drops half-way through the body, as when Fractal's server or a proxy dies mid-answer.
     */
    public void cutOffAnswers(boolean cutOff) {
        this.cutOff = cutOff;
    }

    /**
     * Requests that reached {@code /v2/stats/} since start or {@link #reset()}, whatever the answer (a 503 while down
     * or a 401 counts too), so a test sees whether and how often Keycloak asked.
     */
    public int requestCount() {
        return requestCount.get();
    }

    /**
     * Adds {@code count} users with one case each, uids {@code uidPrefix + 0} to {@code uidPrefix + (count - 1)}.
     * {@code credential} is what their row reports: {@code approved}, {@code rejected}, {@code pending},
     * {@code contacted} or {@code expired}. Throws if a uid is already taken (by a synthetic or a consent-page user),
     * adding none of them.
     */
    public void addSyntheticUsers(int count, String uidPrefix, String level, String credential) {
        if (count < 0) {
            throw new IllegalArgumentException("count must not be negative");
        }
        Objects.requireNonNull(uidPrefix, "uidPrefix");
        List<Case> cases = List.of(new Case(checkLevel(level), checkOutcome(credential)));
        Set<String> taken = users.all().stream().map(SandboxUser::uid).collect(Collectors.toSet());
        Map<String, User> added = new LinkedHashMap<>();
        for (int i = 0; i < count; i++) {
            String uid = uidPrefix + i;
            added.put(uid, new User(uid, null, cases));
        }
        synchronized (this) {
            for (String uid : added.keySet()) {
                if (synthetic.containsKey(uid) || taken.contains(uid)) {
                    throw new IllegalArgumentException("there already is a user with uid " + uid);
                }
            }
            synthetic.putAll(added);
        }
    }

    /** Changes what a synthetic user's row reports (its level stays); throws if there is no such synthetic user. */
    public synchronized void setSyntheticCredential(String uid, String credential) {
        User user = uid == null ? null : synthetic.get(uid);
        if (user == null) {
            throw new IllegalArgumentException("no synthetic user " + uid);
        }
        synthetic.put(uid, new User(uid, null, List.of(new Case(user.cases().get(0).level(), checkOutcome(credential)))));
    }

    /** How many synthetic users there are. */
    public synchronized int syntheticUserCount() {
        return synthetic.size();
    }

    /** Back to the start: current shape, not down, answers whole, no synthetic users, request count 0. */
    public void reset() {
        originalShape = false;
        down = false;
        cutOff = false;
        synchronized (this) {
            synthetic.clear();
        }
        requestCount.set(0);
    }

    boolean isOriginalShape() {
        return originalShape;
    }

    boolean isDown() {
        return down;
    }

    boolean isCutOff() {
        return cutOff;
    }

    void counted() {
        requestCount.incrementAndGet();
    }

    /**
     * Every user with at least one case as of now: the consent page's users in their order, then the synthetic ones
     * in the order they were added. Each user is read under its own lock, so a user being changed concurrently is
     * seen wholly before or wholly after the change. Linear in users and cases.
     */
    List<User> snapshot() {
        List<User> snapshot = new ArrayList<>();
        for (SandboxUser user : users.all()) {
            List<VerificationCase> cases;
            String country;
            synchronized (user) {
                cases = user.cases();
                country = user.residentialCountry();
            }
            if (!cases.isEmpty()) {
                snapshot.add(new User(user.uid(), country, cases.stream()
                        .map(c -> new Case(c.level(), StatsOutcomes.of(c))).toList()));
            }
        }
        synchronized (this) {
            snapshot.addAll(synthetic.values());
        }
        return snapshot;
    }

    private static String checkLevel(String level) {
        if (level == null || level.isBlank()) {
            throw new IllegalArgumentException("a synthetic user's case needs a level");
        }
        return level;
    }

    private static String checkOutcome(String credential) {
        if (credential == null || !OUTCOMES.contains(credential)) {
            throw new IllegalArgumentException("a statistics credential is one of " + OUTCOMES + ", not " + credential);
        }
        return credential;
    }
}
