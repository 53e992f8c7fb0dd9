package io.github.keycloakfractal.keycloak.kraken;

import org.keycloak.models.RequiredActionConfigModel;

import java.util.Map;

/**
 * The {@code fractal-kyc} action's own configuration (admin console, Authentication, Required actions, the action's
 * gear): which Fractal provider's Kraken settings start the journey, and whether a user whose verification is
 * pending or rejected may continue the sign-in (the default holds it: KYC is why the action is there).
 */
record JourneySettings(String providerAlias, boolean letsUnapprovedContinue) {
    static final String PROVIDER = "fractalProvider";
    static final String WHEN_NOT_APPROVED = "whenNotApproved";
    static final String HOLD = "hold";
    static final String CONTINUE = "continue";

    static JourneySettings of(RequiredActionConfigModel model) {
        Map<String, String> config = model == null || model.getConfig() == null ? Map.of() : model.getConfig();
        return new JourneySettings(config.get(PROVIDER), CONTINUE.equals(config.get(WHEN_NOT_APPROVED)));
    }
}
