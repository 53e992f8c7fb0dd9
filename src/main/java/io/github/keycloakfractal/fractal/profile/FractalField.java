package io.github.keycloakfractal.fractal.profile;

import io.github.keycloakfractal.fractal.kyc.KycStanding;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The Fractal facts an admin can import into a user attribute. Each yields an empty list when Fractal did not send
 * it, so an importer can leave the attribute alone instead of clearing it.
 */
public enum FractalField {
    FULL_NAME, FIRST_NAME, LAST_NAME, RESIDENTIAL_COUNTRY, ACCREDITED_INVESTOR, EMAIL, COMPANY_NAME, ACCOUNT_TYPE, UID, LEVELS;

    public String configValue() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<FractalField> fromConfig(String value) {
        for (FractalField field : values()) {
            if (field.configValue().equals(value)) {
                return Optional.of(field);
            }
        }
        return Optional.empty();
    }

    /** {@code companies} is the provider's rule for a company's first and last name, so an importer writes what the login wrote. */
    public List<String> values(FractalProfile profile, CompanyNames companies, Optional<KycStanding> kyc) {
        return switch (this) {
            case FULL_NAME -> list(profile.fullName());
            case FIRST_NAME -> list(profile.firstName(companies));
            case LAST_NAME -> list(profile.lastName(companies));
            case RESIDENTIAL_COUNTRY -> list(profile.country().map(CountryCode::value));
            case ACCREDITED_INVESTOR -> list(profile.accreditedInvestor().map(String::valueOf));
            case EMAIL -> list(profile.email());
            case COMPANY_NAME -> list(profile.companyName());
            case ACCOUNT_TYPE -> List.of(profile.accountType().attributeValue());
            case UID -> List.of(profile.uid());
            case LEVELS -> kyc.map(standing -> List.copyOf(standing.grantedLevels())).orElse(List.of());
        };
    }

    private static List<String> list(Optional<String> value) {
        return value.map(List::of).orElse(List.of());
    }
}
