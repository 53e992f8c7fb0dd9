package io.github.keycloakfractal.fractal.profile;

import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * An ISO 3166-1 alpha-2 country code, upper case. Fractal sends codes in either case ({@code US}, {@code de}); a value
 * that is not on the ISO list cannot exist as a {@code CountryCode}, so nothing downstream has to check again.
 */
public record CountryCode(String value) {
    private static final Set<String> ISO_CODES = Set.of(Locale.getISOCountries());

    public CountryCode {
        if (value == null || !ISO_CODES.contains(value.trim().toUpperCase(Locale.ROOT))) {
            throw new IllegalArgumentException("not an ISO 3166-1 alpha-2 country code: " + value);
        }
        value = value.trim().toUpperCase(Locale.ROOT);
    }

    /** The code, or empty when the text is blank or not an ISO code (user info is not the place to reject a login). */
    public static Optional<CountryCode> parse(String text) {
        if (text == null || text.isBlank()) {
            return Optional.empty();
        }
        String upper = text.trim().toUpperCase(Locale.ROOT);
        return ISO_CODES.contains(upper) ? Optional.of(new CountryCode(upper)) : Optional.empty();
    }

    @Override
    public String toString() {
        return value;
    }
}
