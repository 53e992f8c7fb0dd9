package io.github.keycloakfractal.fractal.kyc.model;

import io.github.keycloakfractal.fractal.kyc.KycStatus;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * What Fractal decided about one user, over time, per level and add-on: the truth the model test derives every path's
 * payload from and computes its oracle with. Decisions are events on a level string (one component, or several decided
 * together, like a Kraken journey's {@code basic+liveness}) on a coarse time grid, so that observations and decisions
 * often share an instant. A component never gets two decisions at the same instant.
 */
final class FractalTruth {
    /** The main levels of the written rule; every other component is an add-on. Written here, not read from the code. */
    static final List<String> MAIN_LEVELS = List.of("uniqueness", "basic", "plus", "v1", "light");
    static final List<String> GROUPS = List.of("basic", "plus", "uniqueness", "basic+liveness", "basic+liveness", "plus+liveness",
            "plus+selfie", "liveness", "selfie", "wallet-eth", "plus+liveness+wallet-eth", "sow", "plus+sow");
    static final int STEPS = 60;
    static final long STEP_SECONDS = 10;

    record Event(Instant at, List<String> components, KycStatus status) {
    }

    private final Instant start;
    private final List<Event> events;
    private final Map<String, TreeMap<Instant, KycStatus>> timeline = new TreeMap<>();

    private FractalTruth(Instant start, List<Event> events) {
        this.start = start;
        this.events = List.copyOf(events);
        events.forEach(event -> event.components().forEach(c -> timeline.computeIfAbsent(c, k -> new TreeMap<>()).put(event.at(), event.status())));
    }

    static FractalTruth random(Random random, Instant start) {
        List<Event> events = new ArrayList<>();
        Map<String, List<Instant>> taken = new TreeMap<>();
        for (int i = 6 + random.nextInt(10); i > 0; i--) {
            Instant at = start.plusSeconds(STEP_SECONDS * random.nextInt(STEPS));
            List<String> components = List.of(GROUPS.get(random.nextInt(GROUPS.size())).split("\\+"));
            if (components.stream().anyMatch(c -> taken.getOrDefault(c, List.of()).contains(at))) {
                continue;
            }
            components.forEach(c -> taken.computeIfAbsent(c, k -> new ArrayList<>()).add(at));
            events.add(new Event(at, components, randomStatus(random)));
        }
        events.sort(Comparator.comparing(Event::at));
        return new FractalTruth(start, events);
    }

    /** Approvals are the most common outcome, expiry the rarest. */
    static KycStatus randomStatus(Random random) {
        int roll = random.nextInt(20);
        return roll < 7 ? KycStatus.APPROVED : roll < 11 ? KycStatus.REJECTED : roll < 15 ? KycStatus.PENDING
                : roll < 18 ? KycStatus.CONTACTED : KycStatus.EXPIRED;
    }

    List<Event> events() {
        return events;
    }

    /** A random instant of the scenario: on the grid (where decisions happen) or between two steps. */
    Instant randomTime(Random random) {
        Instant onGrid = start.plusSeconds(STEP_SECONDS * random.nextInt(STEPS + 2));
        return random.nextBoolean() ? onGrid : onGrid.plusSeconds(1 + random.nextInt((int) STEP_SECONDS - 1));
    }

    /** After every decision and observation; the receiving clock of every delivery. */
    Instant end() {
        return start.plusSeconds(STEP_SECONDS * (STEPS + 5));
    }

    /** The component's status at Fractal at {@code at}: its latest decision at or before then. */
    Optional<KycStatus> status(String component, Instant at) {
        TreeMap<Instant, KycStatus> decisions = timeline.get(component);
        return Optional.ofNullable(decisions == null ? null : decisions.floorEntry(at)).map(Map.Entry::getValue);
    }

    /** Every component started by {@code at}, with its status then. */
    SortedMap<String, KycStatus> picture(Instant at) {
        SortedMap<String, KycStatus> picture = new TreeMap<>();
        timeline.keySet().forEach(component -> status(component, at).ifPresent(status -> picture.put(component, status)));
        return Collections.unmodifiableSortedMap(picture);
    }

    /**
     * The one status Fractal's original statistics gave for the user: the strongest of the main levels (approved when
     * any is approved), or, with add-ons only, the strongest add-on status with an approval counting as pending.
     */
    Optional<KycStatus> overall(Instant at) {
        SortedMap<String, KycStatus> picture = picture(at);
        List<KycStatus> main = picture.entrySet().stream().filter(e -> MAIN_LEVELS.contains(e.getKey())).map(Map.Entry::getValue).toList();
        List<KycStatus> statuses = !main.isEmpty() ? main : picture.values().stream()
                .map(s -> s == KycStatus.APPROVED ? KycStatus.PENDING : s).toList();
        return strongest(statuses);
    }

    /** approved > rejected > expired > contacted > pending, as fractal-api.md and the written rule order them. */
    static Optional<KycStatus> strongest(List<KycStatus> statuses) {
        for (KycStatus status : List.of(KycStatus.APPROVED, KycStatus.REJECTED, KycStatus.EXPIRED, KycStatus.CONTACTED, KycStatus.PENDING)) {
            if (statuses.contains(status)) {
                return Optional.of(status);
            }
        }
        return Optional.empty();
    }

    @Override
    public String toString() {
        StringBuilder text = new StringBuilder("truth:");
        events.forEach(e -> text.append("\n  ").append(e.at()).append(' ').append(String.join("+", e.components())).append(' ').append(e.status()));
        return text.toString();
    }
}
