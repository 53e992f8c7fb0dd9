package io.github.keycloakfractal.fractal;

import java.util.Optional;

/**
 * The OAuth2 URLs the broker uses: an admin's override wins, otherwise the environment's preset. Resolving fails
 * with a {@link FractalConfigurationException} when a URL is neither preset nor configured, or is not an absolute
 * http(s) URL, so a broken configuration is refused when saved instead of failing a user's login later.
 */
public record FractalEndpoints(String authorizeUrl, String tokenUrl, String userInfoUrl) {

    public static FractalEndpoints resolve(FractalEnvironment environment, UserInfoShape shape,
                                           String authorizeOverride, String tokenOverride, String userInfoOverride) {
        return new FractalEndpoints(
                pick("authorization URL", authorizeOverride, environment.authorizeUrl(), environment),
                pick("token URL", tokenOverride, environment.tokenUrl(), environment),
                pick("user-info URL", userInfoOverride, environment.userInfoUrl(shape), environment));
    }

    private static String pick(String what, String override, Optional<String> preset, FractalEnvironment environment) {
        if (override != null && !override.isBlank()) {
            return HttpUrl.require("the " + what, override);
        }
        return preset.orElseThrow(() -> new FractalConfigurationException(
                "the " + what + " must be set for the " + environment.configValue() + " environment"));
    }
}
