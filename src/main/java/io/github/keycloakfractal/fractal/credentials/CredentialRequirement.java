package io.github.keycloakfractal.fractal.credentials;

import io.github.keycloakfractal.fractal.kyc.KycLevel;
import io.github.keycloakfractal.fractal.profile.CountryCode;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * What a realm demands of a Fractal credential: a minimum base level ({@code uniqueness < basic < plus}), add-ons, and
 * countries whose citizens or residents must have been excluded. A credential meets it when its level is at least the
 * minimum, it carries every add-on, and its blocklists contain every required country (more is fine).
 *
 * <p>A requirement Fractal could never satisfy is refused on construction with Fractal's own codes: an unknown add-on is
 * {@code invalid_level}, a citizenship restriction below basic or a residency restriction below plus is
 * {@code invalid_configuration}. The {@code liveness} add-on counts as held by a {@code uniqueness} credential, where
 * Fractal includes it (fractal-api.md section 4). Collections are held sorted so messages built from a requirement
 * are the same every time.
 */
public record CredentialRequirement(CredentialLevel minimumLevel, Set<String> addOns, Set<CountryCode> citizenshipBlocked,
                                    Set<CountryCode> residencyBlocked) {
    private static final Comparator<CountryCode> BY_CODE = Comparator.comparing(CountryCode::value);

    public CredentialRequirement {
        Objects.requireNonNull(minimumLevel, "minimumLevel");
        addOns = Collections.unmodifiableSet(new TreeSet<>(addOns));
        citizenshipBlocked = sorted(citizenshipBlocked);
        residencyBlocked = sorted(residencyBlocked);
        CredentialLevel.of(level(minimumLevel, addOns));
        if (!citizenshipBlocked.isEmpty() && !minimumLevel.allowsCitizenshipRestriction()) {
            throw new CredentialException(CredentialError.INVALID_CONFIGURATION,
                    "a citizenship restriction needs at least level basic, not " + minimumLevel.value());
        }
        if (!residencyBlocked.isEmpty() && !minimumLevel.allowsResidencyRestriction()) {
            throw new CredentialException(CredentialError.INVALID_CONFIGURATION,
                    "a residency restriction needs level plus, not " + minimumLevel.value());
        }
    }

    /** Just a minimum level. */
    public static CredentialRequirement atLeast(CredentialLevel minimumLevel) {
        return new CredentialRequirement(minimumLevel, Set.of(), Set.of(), Set.of());
    }

    /** The level string to ask for: the minimum level and the add-ons, e.g. {@code plus+liveness}. */
    public KycLevel level() {
        return level(minimumLevel, addOns);
    }

    public boolean isMetBy(Credential credential) {
        return shortfalls(credential).isEmpty();
    }

    /** Why the credential falls short, one readable sentence per unmet part; empty when it meets the requirement. */
    public List<String> shortfalls(Credential credential) {
        List<String> reasons = new ArrayList<>();
        if (!credential.baseLevel().isAtLeast(minimumLevel)) {
            reasons.add("level " + credential.baseLevel().value() + " is below the required " + minimumLevel.value());
        }
        for (String addOn : addOns) {
            boolean included = addOn.equals("liveness") && credential.baseLevel() == CredentialLevel.UNIQUENESS;
            if (!included && !credential.addOns().contains(addOn)) {
                reasons.add("add-on " + addOn + " is missing");
            }
        }
        for (CountryCode code : citizenshipBlocked) {
            if (!credential.citizenshipNot().contains(code)) {
                reasons.add("citizens of " + code + " are not excluded");
            }
        }
        for (CountryCode code : residencyBlocked) {
            if (!credential.residencyNot().contains(code)) {
                reasons.add("residents of " + code + " are not excluded");
            }
        }
        return reasons;
    }

    /**
     * A message asking Fractal for a proof of exactly this requirement, restrictions sorted by code; the caller may
     * still set KYB or data sharing before building.
     */
    public CredentialMessage.Builder message(String appName, String clientId) {
        return CredentialMessage.builder(appName, clientId, level())
                .notCitizenOf(List.copyOf(citizenshipBlocked))
                .notResidentOf(List.copyOf(residencyBlocked));
    }

    private static KycLevel level(CredentialLevel minimumLevel, Set<String> addOns) {
        List<String> components = new ArrayList<>();
        components.add(minimumLevel.value());
        components.addAll(addOns);
        try {
            return KycLevel.parse(String.join("+", components));
        } catch (IllegalArgumentException unknown) {
            throw new CredentialException(CredentialError.INVALID_LEVEL, unknown.getMessage());
        }
    }

    private static Set<CountryCode> sorted(Collection<CountryCode> codes) {
        TreeSet<CountryCode> sorted = new TreeSet<>(BY_CODE);
        sorted.addAll(codes);
        return Collections.unmodifiableSet(sorted);
    }
}
