package io.github.keycloakfractal.fractal.stats;

import io.github.keycloakfractal.fractal.kyc.KycLevel;
import io.github.keycloakfractal.fractal.kyc.KycStatus;

import java.util.List;

/**
 * What Fractal's statistics say about one user: the overall status and the approved levels. The original
 * {@code {user_id: status}} shape names no levels, so {@code levelsKnown} tells a reconciler whether to trust
 * {@code approvedLevels} or keep the levels it has.
 *
 * @deprecated counted add-on rows into the status and replaced the user's state; use
 * {@link UserVerifications#observation} and merge it into the user's {@link io.github.keycloakfractal.fractal.kyc.KycLedger}.
 */
@Deprecated
public record FractalVerdict(String uid, KycStatus status, List<KycLevel> approvedLevels, boolean levelsKnown) {
    public FractalVerdict {
        approvedLevels = List.copyOf(approvedLevels);
    }
}
