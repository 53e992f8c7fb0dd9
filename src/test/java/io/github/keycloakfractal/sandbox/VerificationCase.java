package io.github.keycloakfractal.sandbox;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * One KYC case of a sandbox user, as Fractal reports it in {@code verification_cases[]}: the {@code level} it covers
 * (e.g. {@code basic+liveness}), where Fractal is ({@code status}: pending, contacted, done) and the outcome
 * ({@code credential}: pending, approved, rejected). Immutable; a user replaces a case to change it.
 *
 * @param id               case id, stable per user and level (see {@link #of})
 * @param level            level and add-ons joined by {@code +}
 * @param status           {@code pending} (Fractal must act), {@code contacted} (user must act) or {@code done}
 * @param credential       {@code pending}, {@code approved} or {@code rejected}; may be null to imitate the
 *                         2024-07 documentation examples that dropped it
 * @param journeyCompleted whether the user finished every journey step for the requested scopes
 * @param details          extra or overriding {@code details} fields for this case only; the usual fields (name,
 *                         birth date, countries) come from the user's current data, see {@link SandboxUser#details}
 */
public record VerificationCase(String id, String level, String status, String credential, boolean journeyCompleted,
                               Map<String, Object> details) {

    public VerificationCase {
        Objects.requireNonNull(id, "id");
        if (level == null || level.isBlank()) {
            throw new IllegalArgumentException("a verification case needs a level");
        }
        Objects.requireNonNull(status, "status");
        details = details == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(details));
    }

    /** A case with a stable id derived from the user's uid and the level, so ids survive sandbox restarts. */
    public static VerificationCase of(String uid, String level, String status, String credential) {
        String id = UUID.nameUUIDFromBytes((uid + "/" + level).getBytes(StandardCharsets.UTF_8)).toString();
        return new VerificationCase(id, level, status, credential, true, Map.of());
    }

    public VerificationCase withOutcome(String newStatus, String newCredential) {
        return new VerificationCase(id, level, newStatus, newCredential, journeyCompleted, details);
    }

    public VerificationCase withJourneyCompleted(boolean completed) {
        return new VerificationCase(id, level, status, credential, completed, details);
    }

    /** This case with one more (or a replaced) {@code details} field; a null value removes the field. */
    public VerificationCase withDetail(String name, Object value) {
        Map<String, Object> copy = new LinkedHashMap<>(details);
        if (value == null) {
            copy.remove(name);
        } else {
            copy.put(name, value);
        }
        return new VerificationCase(id, level, status, credential, journeyCompleted, copy);
    }

    public boolean isApproved() {
        return "approved".equals(credential);
    }

    /** The level's parts: {@code basic+liveness} is made of {@code basic} and {@code liveness}. */
    public List<String> components() {
        return Arrays.asList(level.split("\\+"));
    }
}
