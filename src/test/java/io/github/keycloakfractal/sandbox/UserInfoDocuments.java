package io.github.keycloakfractal.sandbox;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The two user-info documents, built from the user's current data and filtered by the granted scopes.
 * v2 ({@code /v2/users/me}) is today's shape; v1 ({@code /users/me}) is the 2020-2024 shape, which carried the
 * deprecated {@code person}, {@code institution} and {@code verifications} next to {@code verification_cases}.
 */
final class UserInfoDocuments {
    private UserInfoDocuments() {
    }

    /** Renders under the user's lock, so a test changing the user mid-request never yields a half-changed document. */
    static Map<String, Object> v2(SandboxUser user, GrantedScopes scopes) {
        synchronized (user) {
            return v2Snapshot(user, scopes);
        }
    }

    static Map<String, Object> v1(SandboxUser user, GrantedScopes scopes) {
        synchronized (user) {
            return v1Snapshot(user, scopes);
        }
    }

    private static Map<String, Object> v2Snapshot(SandboxUser user, GrantedScopes scopes) {
        Map<String, Object> doc = new LinkedHashMap<>();
        putUid(doc, user, scopes);
        if (scopes.contact()) {
            Map<String, Object> email = new LinkedHashMap<>();
            email.put("address", user.email());
            email.put("source_type", user.emailSourceType());
            doc.put("emails", user.email() == null ? List.of() : List.of(email));
            doc.put("phones", user.phone() == null ? List.of() : List.of(Map.of("number", user.phone())));
        }
        if (scopes.anyVerification()) {
            doc.put("verification_cases", verificationCases(user, scopes));
        }
        return doc;
    }

    private static Map<String, Object> v1Snapshot(SandboxUser user, GrantedScopes scopes) {
        Map<String, Object> doc = new LinkedHashMap<>();
        putUid(doc, user, scopes);
        if (scopes.contact()) {
            doc.put("emails", user.email() == null ? List.of() : List.of(Map.of("address", user.email())));
        }
        boolean institution = user.isInstitution();
        doc.put("person", !institution && scopes.anyPerson() ? subject(user, "person", scopes) : null);
        doc.put("institution", institution && scopes.anyInstitution() ? subject(user, "institution", scopes) : null);
        if (scopes.anyVerification()) {
            doc.put("verifications", approvedVerifications(user, scopes));
            doc.put("verification_cases", verificationCases(user, scopes));
        }
        return doc;
    }

    private static void putUid(Map<String, Object> doc, SandboxUser user, GrantedScopes scopes) {
        if (scopes.has(Scopes.UID)) {
            doc.put("uid", user.uid());
        }
    }

    /** v1 {@code person} / {@code institution}: only the fields whose {@code <type>.<field>:read} scope was granted. */
    private static Map<String, Object> subject(SandboxUser user, String type, GrantedScopes scopes) {
        Map<String, Object> subject = new LinkedHashMap<>();
        String nameField = type.equals("person") ? "full_name" : "company_name";
        if (granted(scopes, type, nameField)) {
            subject.put(nameField, user.displayName());
        }
        if (granted(scopes, type, "residential_address_country")) {
            subject.put("residential_address_country", user.residentialCountry());
        }
        if (granted(scopes, type, "accredited_investor")) {
            subject.put("accredited_investor", user.accreditedInvestor());
        }
        return subject;
    }

    private static boolean granted(GrantedScopes scopes, String type, String field) {
        return type.equals("person") ? scopes.person(field) : scopes.institution(field);
    }

    /** v1 {@code verifications}: approved cases, all of them with the v1 scope, else those a level scope covers. */
    private static List<Map<String, Object>> approvedVerifications(SandboxUser user, GrantedScopes scopes) {
        List<Map<String, Object>> verifications = new ArrayList<>();
        for (VerificationCase c : user.cases()) {
            if (c.isApproved() && (scopes.v1Verifications() || scopes.coversCase(c))) {
                Map<String, Object> verification = new LinkedHashMap<>();
                verification.put("level", c.level());
                if (scopes.v1Details() || scopes.detailsOfCase(c)) {
                    verification.put("details", user.details(c));
                }
                verifications.add(verification);
            }
        }
        return verifications;
    }

    private static List<Map<String, Object>> verificationCases(SandboxUser user, GrantedScopes scopes) {
        List<Map<String, Object>> cases = new ArrayList<>();
        for (VerificationCase c : user.cases()) {
            if (scopes.coversCase(c)) {
                Map<String, Object> json = new LinkedHashMap<>();
                json.put("id", c.id());
                json.put("level", c.level());
                json.put("journey_completed", c.journeyCompleted());
                json.put("status", c.status());
                json.put("credential", c.credential());
                json.put("details", scopes.detailsOfCase(c) ? user.details(c) : null);
                cases.add(json);
            }
        }
        return cases;
    }
}
