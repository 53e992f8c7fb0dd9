package io.github.keycloakfractal.keycloak.settings;

import io.github.keycloakfractal.fractal.profile.CompanyNames;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * How Fractal's facts become a Keycloak profile: for now, how an institution's name fills first and last name (a
 * company has no family name, and Keycloak's default user profile requires one).
 */
public record ProfileSettings(CompanyNames companyNames) {
    public static final Setting COMPANY_NAMES = Setting.choice("companyNames", "Company names",
            "How an institution's name fills first and last name. split: \"Acme Holdings\" + \"Ltd\" (reads as the company name); "
                    + "both: the company name in both; first: first name only (users see the profile form if the realm requires a last name).",
            Arrays.stream(CompanyNames.values()).map(CompanyNames::configValue).toList(), CompanyNames.DEFAULT.configValue());

    static final List<Setting> SETTINGS = List.of(COMPANY_NAMES);

    /** Blank takes the default; an unknown choice is refused naming the field. */
    public static ProfileSettings from(Map<String, String> config) {
        try {
            return new ProfileSettings(CompanyNames.fromConfig(config.get(COMPANY_NAMES.key())));
        } catch (IllegalArgumentException unknown) {
            throw COMPANY_NAMES.invalid(unknown.getMessage());
        }
    }
}
