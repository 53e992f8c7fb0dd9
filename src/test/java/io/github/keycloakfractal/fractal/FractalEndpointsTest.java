package io.github.keycloakfractal.fractal;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FractalEndpointsTest {

    @Test
    void productionPresetsAreFractalsDocumentedHosts() {
        FractalEndpoints endpoints = FractalEndpoints.resolve(FractalEnvironment.PRODUCTION, UserInfoShape.V2, null, "", " ");

        assertThat(endpoints.authorizeUrl()).isEqualTo("https://app.fractal.id/authorize");
        assertThat(endpoints.tokenUrl()).isEqualTo("https://auth.fractal.id/oauth/token");
        assertThat(endpoints.userInfoUrl()).isEqualTo("https://resource.fractal.id/v2/users/me");
    }

    @Test
    void stagingWithTheV1ShapeUsesTheOldUserInfoPath() {
        FractalEndpoints endpoints = FractalEndpoints.resolve(FractalEnvironment.STAGING, UserInfoShape.V1, null, null, null);

        assertThat(endpoints.authorizeUrl()).isEqualTo("https://app.staging.sandbox.fractal.id/authorize");
        assertThat(endpoints.tokenUrl()).isEqualTo("https://auth.staging.sandbox.fractal.id/oauth/token");
        assertThat(endpoints.userInfoUrl()).isEqualTo("https://resource.staging.sandbox.fractal.id/users/me");
    }

    @Test
    void overridesWinOverPresets() {
        FractalEndpoints endpoints = FractalEndpoints.resolve(FractalEnvironment.PRODUCTION, UserInfoShape.V2,
                "http://localhost:8081/authorize", null, null);

        assertThat(endpoints.authorizeUrl()).isEqualTo("http://localhost:8081/authorize");
        assertThat(endpoints.tokenUrl()).isEqualTo("https://auth.fractal.id/oauth/token");
    }

    @Test
    void customEnvironmentNeedsEveryUrl() {
        assertThatThrownBy(() -> FractalEndpoints.resolve(FractalEnvironment.CUSTOM, UserInfoShape.V2,
                "http://localhost:8081/authorize", "http://localhost:8081/oauth/token", null))
                .isInstanceOf(FractalConfigurationException.class)
                .hasMessageContaining("user-info URL");
    }

    @Test
    void relativeOrNonHttpUrlsAreRefused() {
        assertThatThrownBy(() -> FractalEndpoints.resolve(FractalEnvironment.PRODUCTION, UserInfoShape.V2, "/authorize", null, null))
                .isInstanceOf(FractalConfigurationException.class).hasMessageContaining("authorization URL");
        assertThatThrownBy(() -> FractalEndpoints.resolve(FractalEnvironment.PRODUCTION, UserInfoShape.V2, null, "ftp://x/token", null))
                .isInstanceOf(FractalConfigurationException.class).hasMessageContaining("token URL");
    }

    @Test
    void configValuesParseCaseInsensitivelyAndRejectUnknownOnes() {
        assertThat(FractalEnvironment.fromConfig("Staging")).isEqualTo(FractalEnvironment.STAGING);
        assertThat(FractalEnvironment.fromConfig(null)).isEqualTo(FractalEnvironment.PRODUCTION);
        assertThat(UserInfoShape.fromConfig("V1")).isEqualTo(UserInfoShape.V1);
        assertThat(UserInfoShape.fromConfig("")).isEqualTo(UserInfoShape.V2);
        assertThatThrownBy(() -> FractalEnvironment.fromConfig("prod")).isInstanceOf(FractalConfigurationException.class);
        assertThatThrownBy(() -> UserInfoShape.fromConfig("v3")).isInstanceOf(FractalConfigurationException.class);
    }
}
