package io.github.keycloakfractal.fractal.kyc;

import java.util.Optional;

/**
 * "Approved with {@code plus}": a status and the level components that must all be approved. An empty level string
 * asks only for the status. Used by the KYC role mapper to decide whether its role is granted.
 */
public record KycCondition(KycStatus status, Optional<KycLevel> requiredLevels) {

    public static KycCondition parse(String status, String levels) {
        return new KycCondition(KycStatus.parse(status == null || status.isBlank() ? "approved" : status),
                levels == null || levels.isBlank() ? Optional.empty() : Optional.of(KycLevel.parse(levels)));
    }

    /** True when the user's derived status is {@link #status} and every required component's level role is granted. */
    public boolean matches(KycStanding standing) {
        return standing.status().filter(s -> s == status).isPresent()
                && requiredLevels.map(required -> standing.grantedLevels().containsAll(required.components())).orElse(true);
    }
}
