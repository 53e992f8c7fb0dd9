package io.github.keycloakfractal.sandbox;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which scopes the sandbox knows and what it grants. The list is strict on purpose: a misspelt scope in the
 * extension fails at the sandbox with {@code invalid_scope}, as it would at Fractal, instead of passing silently.
 */
final class Scopes {
    static final String UID = "uid:read";
    static final String CLIENT_STATS = "client.stats:read";

    /** Levels and add-ons X that {@code verification.X:read} has accepted over time (fractal-api.md 2.3). */
    static final Set<String> VERIFICATION_NAMES = Set.of("v1", "light", "plus", "basic", "uniqueness",
            "accreditation", "selfie", "ssn", "video", "wallet", "sow", "liveness", "telegram", "twitter",
            "wallet-sol", "wallet-ada", "wallet-algo", "uniq", "wallet-substrate", "wallet-btc", "wallet-eth",
            "wallet-kar", "idos");

    private static final Set<String> CONTACT = Set.of("contact:read", "email:read", "emails:read");
    private static final Pattern PERSON = Pattern.compile("person\\.[a-z_]+:read");
    private static final Pattern INSTITUTION = Pattern.compile("institution\\.[a-z_]+:read");
    private static final Pattern VERIFICATION = Pattern.compile("verification\\.([a-z0-9-]+)(\\.details)?:read");
    private static final Pattern VERIFICATIONS_V1 = Pattern.compile("verifications\\.v1(\\.details)?:read");

    private Scopes() {
    }

    /** Space-separated scope string to a list without duplicates; blank means the default {@code uid:read}. */
    static List<String> parse(String raw) {
        Set<String> scopes = new LinkedHashSet<>();
        if (raw != null) {
            for (String scope : raw.trim().split("\\s+")) {
                if (!scope.isEmpty()) {
                    scopes.add(scope);
                }
            }
        }
        return scopes.isEmpty() ? List.of(UID) : List.copyOf(scopes);
    }

    /** Scopes a user may grant to an application in the authorization-code flow. */
    static boolean grantableByUser(String scope) {
        if (scope.equals(UID) || CONTACT.contains(scope) || PERSON.matcher(scope).matches()
                || INSTITUTION.matcher(scope).matches() || VERIFICATIONS_V1.matcher(scope).matches()) {
            return true;
        }
        Matcher verification = VERIFICATION.matcher(scope);
        return verification.matches() && VERIFICATION_NAMES.contains(verification.group(1));
    }

    /** Scopes an application may ask for about itself with client credentials. */
    static boolean grantableToClient(String scope) {
        return scope.equals(CLIENT_STATS) || grantableByUser(scope);
    }

    static List<String> unknownToUsers(List<String> requested) {
        return requested.stream().filter(scope -> !grantableByUser(scope)).toList();
    }

    /**
     * What the user grants: {@code uid:read} always, plus every requested scope, except that when both
     * {@code person.*} and {@code institution.*} scopes were requested only those of the user's own type remain.
     */
    static List<String> grant(List<String> requested, boolean institution) {
        boolean askedPerson = requested.stream().anyMatch(s -> PERSON.matcher(s).matches());
        boolean askedInstitution = requested.stream().anyMatch(s -> INSTITUTION.matcher(s).matches());
        List<String> granted = new ArrayList<>();
        granted.add(UID);
        for (String scope : requested) {
            boolean otherType = askedPerson && askedInstitution
                    && (institution ? PERSON.matcher(scope).matches() : INSTITUTION.matcher(scope).matches());
            if (!otherType && !granted.contains(scope)) {
                granted.add(scope);
            }
        }
        return List.copyOf(granted);
    }

    static boolean isContact(String scope) {
        return CONTACT.contains(scope);
    }

    static boolean isPerson(String scope) {
        return PERSON.matcher(scope).matches();
    }

    static boolean isInstitution(String scope) {
        return INSTITUTION.matcher(scope).matches();
    }

    /** The X of {@code verification.X:read} (details = false) or {@code verification.X.details:read} (details = true), else null. */
    static String verificationName(String scope, boolean details) {
        Matcher matcher = VERIFICATION.matcher(scope);
        if (!matcher.matches()) {
            matcher = VERIFICATIONS_V1.matcher(scope);
            if (!matcher.matches()) {
                return null;
            }
            return (matcher.group(1) != null) == details ? "v1" : null;
        }
        return (matcher.group(2) != null) == details ? matcher.group(1) : null;
    }
}
