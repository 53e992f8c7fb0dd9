package io.github.keycloakfractal.keycloak.kraken;

import org.junit.jupiter.api.Test;
import org.keycloak.models.RequiredActionConfigModel;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class JourneySettingsTest {

    @Test
    void anUnconfiguredActionHoldsUnapprovedUsersAndUsesTheOnlyKrakenProvider() {
        JourneySettings settings = JourneySettings.of(null);

        assertThat(settings.letsUnapprovedContinue()).isFalse();
        assertThat(settings.providerAlias()).isNull();
        assertThat(JourneySettings.of(new RequiredActionConfigModel()).letsUnapprovedContinue()).isFalse();
    }

    @Test
    void continueMustBeChosenExplicitly() {
        assertThat(JourneySettings.of(config(Map.of("whenNotApproved", "continue", "fractalProvider", "fractal-eu"))))
                .isEqualTo(new JourneySettings("fractal-eu", true));
        assertThat(JourneySettings.of(config(Map.of("whenNotApproved", "hold"))).letsUnapprovedContinue()).isFalse();
        assertThat(JourneySettings.of(config(Map.of("whenNotApproved", "Continue"))).letsUnapprovedContinue()).isFalse();
    }

    private static RequiredActionConfigModel config(Map<String, String> values) {
        RequiredActionConfigModel model = new RequiredActionConfigModel();
        model.setConfig(values);
        return model;
    }
}
