package io.github.keycloakfractal.fractal.credentials;

import io.github.keycloakfractal.fractal.kyc.KycLevel;
import io.github.keycloakfractal.fractal.profile.CountryCode;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The {@code credential} string of a Fractal proof: what Fractal vouches for, e.g.
 * {@code level:plus+liveness;citizenship_not:de;residency_not:ca,de,us}. Fractal signs this exact text, so it is kept
 * verbatim ({@link #text()}) beside its parsed parts.
 *
 * <p>Fractal's own code always writes both country segments, empty when unrestricted; the verifier README shows short
 * forms such as {@code level:plus;residency_not:ca,us} (fractal-api.md Q8). Both are read: a missing segment means no
 * restriction. Segments must come in the order level, citizenship, residency, each at most once; codes are ISO
 * 3166-1 alpha-2, comma separated without spaces, lower case as Fractal writes them (upper case is tolerated, the
 * text is signed anyway), kept in the order given. Anything else is {@link ProofFailure#MALFORMED}.
 */
public final class Credential {
    private static final String LEVEL = "level:";
    private static final String CITIZENSHIP = "citizenship_not:";
    private static final String RESIDENCY = "residency_not:";
    private static final Pattern ALPHA_2 = Pattern.compile("[a-zA-Z]{2}");

    private final String text;
    private final KycLevel level;
    private final CredentialLevel baseLevel;
    private final List<CountryCode> citizenshipNot;
    private final List<CountryCode> residencyNot;

    private Credential(String text, KycLevel level, CredentialLevel baseLevel, List<CountryCode> citizenshipNot,
                       List<CountryCode> residencyNot) {
        this.text = text;
        this.level = level;
        this.baseLevel = baseLevel;
        this.citizenshipNot = List.copyOf(citizenshipNot);
        this.residencyNot = List.copyOf(residencyNot);
    }

    /** Reads a credential string in the full or a short form (see the class comment). */
    public static Credential parse(String text) {
        if (text == null) {
            throw malformed("no credential");
        }
        String[] segments = text.split(";", -1);
        if (!segments[0].startsWith(LEVEL)) {
            throw malformed("a credential starts with 'level:': '" + text + "'");
        }
        String levelText = segments[0].substring(LEVEL.length());
        KycLevel level;
        CredentialLevel base;
        try {
            if (!levelText.equals(levelText.strip())) {
                throw new CredentialException(CredentialError.INVALID_LEVEL, "spaces around the level");
            }
            base = CredentialLevel.of(levelText);
            level = KycLevel.parse(levelText);
        } catch (CredentialException invalidLevel) {
            throw malformed("unknown level in credential '" + text + "'");
        }
        int next = 1;
        List<CountryCode> citizenship = List.of();
        List<CountryCode> residency = List.of();
        if (next < segments.length && segments[next].startsWith(CITIZENSHIP)) {
            citizenship = codes(segments[next++].substring(CITIZENSHIP.length()), text);
        }
        if (next < segments.length && segments[next].startsWith(RESIDENCY)) {
            residency = codes(segments[next++].substring(RESIDENCY.length()), text);
        }
        if (next != segments.length) {
            throw malformed("unexpected segment '" + segments[next] + "' in credential '" + text + "'");
        }
        return new Credential(text, level, base, citizenship, residency);
    }

    /**
     * The full form Fractal's code writes, both segments always present, codes lower case in the given order (whether
     * Fractal sorts them is open, Q8, so the caller decides).
     */
    public static Credential of(KycLevel level, List<CountryCode> citizenshipNot, List<CountryCode> residencyNot) {
        String text = LEVEL + level + ";" + CITIZENSHIP + lower(citizenshipNot) + ";" + RESIDENCY + lower(residencyNot);
        return parse(text);
    }

    /** The exact text Fractal signed. */
    public String text() {
        return text;
    }

    /** The full level string, e.g. {@code plus+liveness}. */
    public KycLevel level() {
        return level;
    }

    public CredentialLevel baseLevel() {
        return baseLevel;
    }

    /** The add-ons after the base level, in the order written. */
    public List<String> addOns() {
        return level.components().subList(1, level.components().size());
    }

    /** Countries whose citizens Fractal excluded; empty when unrestricted. */
    public List<CountryCode> citizenshipNot() {
        return citizenshipNot;
    }

    /** Countries whose residents Fractal excluded; empty when unrestricted. */
    public List<CountryCode> residencyNot() {
        return residencyNot;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Credential credential && credential.text.equals(text);
    }

    @Override
    public int hashCode() {
        return text.hashCode();
    }

    @Override
    public String toString() {
        return text;
    }

    private static List<CountryCode> codes(String list, String text) {
        if (list.isEmpty()) {
            return List.of();
        }
        List<CountryCode> codes = new ArrayList<>();
        for (String item : list.split(",", -1)) {
            Optional<CountryCode> code = ALPHA_2.matcher(item).matches() ? CountryCode.parse(item) : Optional.empty();
            if (code.isEmpty() || codes.contains(code.get())) {
                throw malformed("bad or repeated country code '" + item + "' in credential '" + text + "'");
            }
            codes.add(code.get());
        }
        return codes;
    }

    private static String lower(List<CountryCode> codes) {
        return String.join(",", codes.stream().map(code -> code.value().toLowerCase(Locale.ROOT)).toList());
    }

    private static ProofException malformed(String detail) {
        return new ProofException(ProofFailure.MALFORMED, detail);
    }
}
