package io.github.keycloakfractal.fractal;

import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The scopes asked when an admin has not chosen any. They follow the user-info shape, because each shape carries a
 * person's name and country under different scopes: v1 in the {@code person}/{@code institution} objects (Fractal
 * grants only the scopes of the user's own type when both are asked), v2 only in the {@code details} of verification
 * cases, which need {@code verification.X.details:read} (fractal-api.md 2.3 and 3).
 */
public final class FractalScopes {
    public static final String V1 = "uid:read email:read person.full_name:read person.residential_address_country:read "
            + "person.accredited_investor:read institution.company_name:read institution.residential_address_country:read "
            + "institution.accredited_investor:read verification.v1:read";
    public static final String V2 = "uid:read contact:read verification.basic:read verification.basic.details:read "
            + "verification.liveness:read";

    /** What 0.1.0 wrote into every new provider, whatever its shape: the v1 person scopes. */
    private static final String FORMER_DEFAULT = "uid:read email:read person.full_name:read person.residential_address_country:read "
            + "person.accredited_investor:read verification.v1:read";

    private static final List<Set<String>> DEFAULTS = List.of(set(V1), set(V2), set(FORMER_DEFAULT));

    private FractalScopes() {
    }

    public static String defaultFor(UserInfoShape shape) {
        return shape == UserInfoShape.V1 ? V1 : V2;
    }

    /**
     * The scopes to ask: the admin's own choice, or the shape's default when the admin chose none or left a default in
     * place (this one's, the other shape's, or an older release's). So switching the shape switches untouched scopes
     * with it, and a provider an older release saved with v1 scopes on the v2 shape gets the scopes v2 needs.
     */
    public static String effective(UserInfoShape shape, String configured) {
        if (configured == null || configured.isBlank() || DEFAULTS.contains(set(configured))) {
            return defaultFor(shape);
        }
        return configured.trim();
    }

    private static Set<String> set(String scopes) {
        return Arrays.stream(scopes.trim().split("\\s+")).filter(scope -> !scope.isEmpty()).collect(Collectors.toSet());
    }
}
