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

    public boolean matches(Optional<KycState> state) {
        return state.filter(s -> s.status() == status)
                .filter(s -> requiredLevels.map(required -> s.levels().containsAll(required.components())).orElse(true))
                .isPresent();
    }
}
