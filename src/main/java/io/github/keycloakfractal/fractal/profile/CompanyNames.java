package io.github.keycloakfractal.fractal.profile;

import io.github.keycloakfractal.fractal.FractalConfigurationException;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * How an institution's name fills Keycloak's first and last name. A company has no family name, but Keycloak's default
 * user profile requires one, and an empty one sends the company to an "Update Account Information" form at its first
 * login. No choice invents a person: every one uses only the company's own name.
 */
public enum CompanyNames {
    /** Split at the last space, so "first last" reads as the company name: "Acme Holdings" + "Ltd". A one-word name fills both. */
    SPLIT,
    /** The whole company name as first and as last name. */
    BOTH,
    /** The company name as first name and no last name (the realm's profile must then not require one). */
    FIRST;

    public static final CompanyNames DEFAULT = SPLIT;

    public String configValue() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Blank means the default; an unknown value is refused naming the choices. */
    public static CompanyNames fromConfig(String value) {
        if (value == null || value.isBlank()) {
            return DEFAULT;
        }
        return Arrays.stream(values()).filter(choice -> choice.configValue().equalsIgnoreCase(value.trim())).findFirst()
                .orElseThrow(() -> new FractalConfigurationException("unknown company-name rule '" + value + "' (expected "
                        + Arrays.stream(values()).map(CompanyNames::configValue).collect(Collectors.joining(", ")) + ")"));
    }

    Optional<String> firstName(String company) {
        return Optional.of(this == SPLIT && company.contains(" ") ? company.substring(0, company.lastIndexOf(' ')) : company);
    }

    Optional<String> lastName(String company) {
        return switch (this) {
            case SPLIT -> Optional.of(company.contains(" ") ? company.substring(company.lastIndexOf(' ') + 1) : company);
            case BOTH -> Optional.of(company);
            case FIRST -> Optional.empty();
        };
    }
}
