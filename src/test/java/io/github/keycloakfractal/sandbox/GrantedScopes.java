package io.github.keycloakfractal.sandbox;

import java.util.List;

/**
 * The scopes behind an access token, asked the questions the user-info documents need: may this field be shown,
 * which verification cases are visible, do they carry details.
 */
record GrantedScopes(List<String> scopes) {

    GrantedScopes {
        scopes = List.copyOf(scopes);
    }

    boolean has(String scope) {
        return scopes.contains(scope);
    }

    /** {@code contact:read}, or its predecessors {@code email:read} / {@code emails:read}. */
    boolean contact() {
        return scopes.stream().anyMatch(Scopes::isContact);
    }

    boolean anyPerson() {
        return scopes.stream().anyMatch(Scopes::isPerson);
    }

    boolean anyInstitution() {
        return scopes.stream().anyMatch(Scopes::isInstitution);
    }

    boolean person(String field) {
        return has("person." + field + ":read");
    }

    boolean institution(String field) {
        return has("institution." + field + ":read");
    }

    /** Any {@code verification.X:read} (or {@code verifications.v1:read}): the verification keys appear at all. */
    boolean anyVerification() {
        return scopes.stream().anyMatch(s -> Scopes.verificationName(s, false) != null);
    }

    /** {@code verification.v1:read} / {@code verifications.v1:read}: v1 lists every approved case. */
    boolean v1Verifications() {
        return verificationNames(false).contains("v1");
    }

    boolean v1Details() {
        return verificationNames(true).contains("v1");
    }

    /** A case is visible when some granted {@code verification.X:read} names its level or one of its parts. */
    boolean coversCase(VerificationCase verificationCase) {
        return matches(verificationCase, verificationNames(false));
    }

    /** Its {@code details} are shown when some granted {@code verification.X.details:read} does the same. */
    boolean detailsOfCase(VerificationCase verificationCase) {
        return matches(verificationCase, verificationNames(true));
    }

    String joined() {
        return String.join(" ", scopes);
    }

    private List<String> verificationNames(boolean details) {
        return scopes.stream().map(s -> Scopes.verificationName(s, details)).filter(n -> n != null).toList();
    }

    private static boolean matches(VerificationCase verificationCase, List<String> names) {
        return names.contains(verificationCase.level()) || verificationCase.components().stream().anyMatch(names::contains);
    }
}
