package io.github.keycloakfractal.fractal.kyc;

import java.time.DateTimeException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The stored form of a ledger: one value per component, {@code <component> <status> <ISO instant> <source>}, e.g.
 * {@code basic approved 2026-11-30T01:02:03Z webhook}. Admins read it in the user's attributes, so it is plain words;
 * the longest possible value (an add-on like {@code wallet-substrate} at {@link Instant#MIN} or {@link Instant#MAX})
 * stays under 100 characters, well inside Keycloak's 255 per attribute value.
 */
final class LedgerCodec {
    /** Longer than any value {@link #encode} writes; a longer stored value is not ours and is not split. */
    private static final int LONGEST = 200;

    private LedgerCodec() {
    }

    static List<String> encode(SortedMap<String, KycDecision> decisions) {
        List<String> values = new ArrayList<>(decisions.size());
        decisions.forEach((component, decision) -> values.add(component + " " + decision.status().value() + " "
                + decision.at() + " " + decision.source().value()));
        return List.copyOf(values);
    }

    static DecodedLedger decode(List<String> values) {
        TreeMap<String, KycDecision> decisions = new TreeMap<>();
        List<String> unreadable = new ArrayList<>();
        if (values != null) {
            for (String value : values) {
                Optional<Map.Entry<String, KycDecision>> read = read(value);
                if (read.isPresent()) {
                    decisions.merge(read.get().getKey(), read.get().getValue(), KycDecision::join);
                } else {
                    unreadable.add(Excerpt.of(value));
                }
            }
        }
        return new DecodedLedger(KycLedger.of(decisions), unreadable);
    }

    private static Optional<Map.Entry<String, KycDecision>> read(String value) {
        if (value == null || value.length() > LONGEST) {
            return Optional.empty();
        }
        String[] parts = value.split(" ", -1);
        if (parts.length != 4 || !KycLedger.isComponent(parts[0])) {
            return Optional.empty();
        }
        Optional<Instant> at = instant(parts[2]);
        try {
            return at.map(instant -> Map.entry(parts[0], new KycDecision(KycStatus.parse(parts[1]), instant, KycSource.parse(parts[3]))));
        } catch (UnknownKycValueException unknown) {
            return Optional.empty();
        }
    }

    /** An ISO-8601 instant, or empty when missing or unreadable. */
    static Optional<Instant> instant(String text) {
        if (text == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(Instant.parse(text));
        } catch (DateTimeException unreadable) {
            return Optional.empty();
        }
    }
}
