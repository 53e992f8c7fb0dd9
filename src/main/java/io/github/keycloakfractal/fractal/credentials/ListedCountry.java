package io.github.keycloakfractal.fractal.credentials;

import io.github.keycloakfractal.fractal.profile.CountryCode;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * One entry of a credentials message's country list, {@code <Name> (<CC>)}: an English name and the upper-case ISO
 * 3166-1 alpha-2 code it belongs to. Fractal checks both against its ISO list, so a name that is not the code's is
 * refused, never "fixed".
 *
 * <p>Fractal has not published its name table (fractal-api.md Q9). Accepted names are Java's English display name of
 * the code ({@code new Locale("", cc).getDisplayCountry(Locale.ENGLISH)}) and the official names in {@link #ALIASES}.
 * The aliases cover the two names Fractal's own documents use where Java's differ ({@code United States of America},
 * {@code Democratic People's Republic of Korea}) plus a few UN/ISO-style official names people copy from sanctions
 * lists. Matching is exact and case-sensitive, as the name appears in the signed text: the signature covers the exact
 * spelling, so there is nothing to gain from guessing. When building a message the name Fractal documents is used where
 * there is one, Java's English name otherwise.
 */
public record ListedCountry(String name, CountryCode code) {
    /** Official names accepted besides Java's English name; the first name of a code is the one Fractal documents. */
    static final Map<String, List<String>> ALIASES = Map.ofEntries(
            Map.entry("US", List.of("United States of America")),
            Map.entry("KP", List.of("Democratic People's Republic of Korea")),
            Map.entry("KR", List.of("Republic of Korea")),
            Map.entry("GB", List.of("United Kingdom of Great Britain and Northern Ireland")),
            Map.entry("RU", List.of("Russian Federation")),
            Map.entry("IR", List.of("Islamic Republic of Iran")),
            Map.entry("SY", List.of("Syrian Arab Republic")),
            Map.entry("LA", List.of("Lao People's Democratic Republic")),
            Map.entry("CD", List.of("Democratic Republic of the Congo")),
            Map.entry("CG", List.of("Republic of the Congo")),
            Map.entry("CI", List.of("Côte d'Ivoire", "Ivory Coast")),
            Map.entry("CZ", List.of("Czech Republic")),
            Map.entry("TR", List.of("Türkiye", "Turkey")),
            Map.entry("MM", List.of("Myanmar")),
            Map.entry("VN", List.of("Viet Nam")),
            Map.entry("MD", List.of("Republic of Moldova")),
            Map.entry("TZ", List.of("United Republic of Tanzania")),
            Map.entry("VE", List.of("Bolivarian Republic of Venezuela")),
            Map.entry("BO", List.of("Plurinational State of Bolivia")));
    /** Codes whose first alias is the name Fractal's documents use; those are built with it. */
    private static final Set<String> FRACTAL_DOCUMENTED = Set.of("US", "KP");
    private static final Pattern UPPER_ALPHA_2 = Pattern.compile("[A-Z]{2}");

    public ListedCountry {
        if (name == null || code == null || !acceptedNames(code).contains(name)) {
            throw new CredentialException(CredentialError.INVALID_COUNTRY,
                    "'" + name + "' is not an accepted name of " + code);
        }
    }

    /** The entry for a code under the name this extension writes into messages. */
    public static ListedCountry of(CountryCode code) {
        return new ListedCountry(preferredName(code), code);
    }

    /**
     * An entry read from a message: {@code codeText} must be an upper-case ISO alpha-2 code and {@code name} one of its
     * accepted names, else {@code invalid_country}.
     */
    public static ListedCountry parse(String name, String codeText) {
        Optional<CountryCode> code = UPPER_ALPHA_2.matcher(codeText).matches() ? CountryCode.parse(codeText) : Optional.empty();
        if (code.isEmpty()) {
            throw new CredentialException(CredentialError.INVALID_COUNTRY, "not an ISO 3166-1 alpha-2 code: '" + codeText + "'");
        }
        return new ListedCountry(name, code.get());
    }

    /** Every name accepted for the code, the one used when building first. */
    public static List<String> acceptedNames(CountryCode code) {
        String javaName = new Locale("", code.value()).getDisplayCountry(Locale.ENGLISH);
        List<String> aliases = ALIASES.getOrDefault(code.value(), List.of());
        LinkedHashSet<String> names = new LinkedHashSet<>();
        if (FRACTAL_DOCUMENTED.contains(code.value())) {
            names.add(aliases.get(0));
        }
        names.add(javaName);
        names.addAll(aliases);
        return List.copyOf(names);
    }

    private static String preferredName(CountryCode code) {
        return acceptedNames(code).get(0);
    }

    /** The entry as the message writes it, e.g. {@code Germany (DE)}. */
    @Override
    public String toString() {
        return name + " (" + code.value() + ")";
    }
}
