package io.github.keycloakfractal.fractal;

/**
 * The two user-info documents Fractal has served: v1 at {@code /users/me} (person, institution, verifications) and
 * v2 at {@code /v2/users/me} (emails with a source type, verification cases). Both are parsed by the same profile
 * reader; the shape only picks the path.
 */
public enum UserInfoShape {
    V1("/users/me"),
    V2("/v2/users/me");

    private final String path;

    UserInfoShape(String path) {
        this.path = path;
    }

    String path() {
        return path;
    }

    public String configValue() {
        return ConfigValues.name(this);
    }

    /** Blank means v2, the shape Fractal documents today. */
    public static UserInfoShape fromConfig(String value) {
        return ConfigValues.parse(values(), value, V2, "user-info shape");
    }
}
