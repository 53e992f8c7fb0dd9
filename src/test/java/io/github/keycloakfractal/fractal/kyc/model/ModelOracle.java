package io.github.keycloakfractal.fractal.kyc.model;

import io.github.keycloakfractal.fractal.kyc.KycStatus;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The model test's expectation, computed from Fractal's truth and the list of accepted payloads only, without the
 * ledger: per component, the truth at the newest observation time that covered it; for the status-only form, Fractal's
 * overall status at the newest such observation; then status, level roles and updated-at by the rule as written in
 * the javadoc of {@code KycStanding} (main levels; a status-only decision speaks for the main levels until a named main
 * decision at or after its time; add-ons alone never approve and get roles only while approved).
 */
final class ModelOracle {
    static final String STATUS_ONLY = "*";

    record Expected(SortedMap<String, KycStatus> statuses, SortedMap<String, Instant> times, Optional<KycStatus> status,
                    SortedSet<String> granted, Optional<Instant> updatedAt) {
    }

    private ModelOracle() {
    }

    static Expected expect(FractalTruth truth, List<FractalPaths.Sent> sent) {
        SortedMap<String, Instant> times = new TreeMap<>();
        for (FractalPaths.Sent one : sent) {
            if (one.refused()) {
                continue;
            }
            for (String component : one.statusOnly() ? List.of(STATUS_ONLY) : List.copyOf(one.covered())) {
                times.merge(component, one.at(), (a, b) -> a.isAfter(b) ? a : b);
            }
        }
        SortedMap<String, KycStatus> statuses = new TreeMap<>();
        times.forEach((component, at) -> statuses.put(component, component.equals(STATUS_ONLY)
                ? truth.overall(at).orElseThrow() : truth.status(component, at).orElseThrow()));

        Instant statusOnlyAt = times.get(STATUS_ONLY);
        List<String> current = new ArrayList<>();
        List<String> older = new ArrayList<>();
        List<String> addOns = new ArrayList<>();
        for (String component : statuses.keySet()) {
            if (component.equals(STATUS_ONLY)) {
                continue;
            }
            if (!FractalTruth.MAIN_LEVELS.contains(component)) {
                addOns.add(component);
            } else if (statusOnlyAt == null || !times.get(component).isBefore(statusOnlyAt)) {
                current.add(component);
            } else {
                older.add(component);
            }
        }
        SortedSet<String> granted = new TreeSet<>();
        Optional<KycStatus> status;
        if (!current.isEmpty()) {
            status = FractalTruth.strongest(current.stream().map(statuses::get).toList());
            current.stream().filter(c -> statuses.get(c) == KycStatus.APPROVED).forEach(granted::add);
        } else if (statusOnlyAt != null) {
            status = Optional.of(statuses.get(STATUS_ONLY));
            if (status.get() == KycStatus.APPROVED) {
                older.stream().filter(c -> statuses.get(c) == KycStatus.APPROVED).forEach(granted::add);
            }
        } else {
            status = FractalTruth.strongest(addOns.stream().map(statuses::get).map(s -> s == KycStatus.APPROVED ? KycStatus.PENDING : s).toList());
        }
        if (status.orElse(null) == KycStatus.APPROVED) {
            addOns.stream().filter(c -> statuses.get(c) == KycStatus.APPROVED).forEach(granted::add);
        }
        Optional<Instant> updatedAt = times.values().stream().max(Instant::compareTo);
        return new Expected(statuses, times, status, granted, updatedAt);
    }
}
