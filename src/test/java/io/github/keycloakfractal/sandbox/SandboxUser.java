package io.github.keycloakfractal.sandbox;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * A Fractal user the sandbox can sign in as. Tests change users between logins (a new name, a case moving from
 * pending to approved) and the user-info endpoints always answer with the current data. Every accessor is
 * synchronized, because Keycloak reads a user while a test thread may be changing it. The key and uid never change.
 */
public final class SandboxUser {
    public static final String PERSON = "person";
    public static final String INSTITUTION = "institution";

    private final String key;
    private final String uid;
    private String accountType;
    private String fullName;
    private String companyName;
    private String email;
    private String emailSourceType = "registration";
    private String phone;
    private String residentialCountry;
    private boolean accreditedInvestor;
    private String dateOfBirth;
    private String identificationDocumentCountry;
    private final List<VerificationCase> cases = new ArrayList<>();

    private SandboxUser(String key, String uid, String accountType) {
        if (key == null || key.isBlank()) {
            throw new IllegalArgumentException("a sandbox user needs a key");
        }
        this.key = key;
        this.uid = Objects.requireNonNull(uid, "uid");
        this.accountType = checkAccountType(accountType);
    }

    /** A natural person; the uid should be a fixed UUID string so it is stable across restarts. */
    public static SandboxUser person(String key, String uid, String fullName) {
        return new SandboxUser(key, uid, PERSON).setFullName(fullName);
    }

    /** A company; the uid should be a fixed UUID string so it is stable across restarts. */
    public static SandboxUser institution(String key, String uid, String companyName) {
        return new SandboxUser(key, uid, INSTITUTION).setCompanyName(companyName);
    }

    /** The name tests and the consent page use to pick this user. */
    public String key() {
        return key;
    }

    /** Fractal's anonymised user id, the identity Keycloak links to. */
    public String uid() {
        return uid;
    }

    public synchronized String accountType() {
        return accountType;
    }

    public synchronized boolean isInstitution() {
        return INSTITUTION.equals(accountType);
    }

    public synchronized String fullName() {
        return fullName;
    }

    public synchronized String companyName() {
        return companyName;
    }

    /** Company name for institutions, full name for persons. */
    public synchronized String displayName() {
        return isInstitution() ? companyName : fullName;
    }

    public synchronized String email() {
        return email;
    }

    /** {@code registration} (verified login email), {@code journey} (collected, unverified) or {@code obsolete}. */
    public synchronized String emailSourceType() {
        return emailSourceType;
    }

    public synchronized String phone() {
        return phone;
    }

    public synchronized String residentialCountry() {
        return residentialCountry;
    }

    public synchronized boolean accreditedInvestor() {
        return accreditedInvestor;
    }

    public synchronized String dateOfBirth() {
        return dateOfBirth;
    }

    public synchronized String identificationDocumentCountry() {
        return identificationDocumentCountry;
    }

    /** A snapshot of the user's verification cases. */
    public synchronized List<VerificationCase> cases() {
        return List.copyOf(cases);
    }

    /**
     * What Fractal shows as {@code details} of a case: the user's current data (so a renamed user is renamed
     * everywhere) overlaid with the case's own {@link VerificationCase#details()}.
     */
    public synchronized Map<String, Object> details(VerificationCase verificationCase) {
        Map<String, Object> details = new LinkedHashMap<>();
        if (isInstitution()) {
            putIfPresent(details, "company_name", companyName);
        } else {
            putIfPresent(details, "full_name", fullName);
            putIfPresent(details, "date_of_birth", dateOfBirth);
        }
        putIfPresent(details, "residential_address_country", residentialCountry);
        putIfPresent(details, "identification_document_country", identificationDocumentCountry);
        details.putAll(verificationCase.details());
        return details;
    }

    /** One line for the consent page and console banners, e.g. "Alice Approved (person, US): basic+liveness approved". */
    public synchronized String describe() {
        String outcome = cases.isEmpty() ? "no verification" : cases.stream()
                .map(c -> c.level() + " " + (c.credential() == null ? c.status() : c.credential()))
                .collect(Collectors.joining(", "));
        return displayName() + " (" + accountType + ", " + residentialCountry + "): " + outcome;
    }

    public synchronized SandboxUser setAccountType(String accountType) {
        this.accountType = checkAccountType(accountType);
        return this;
    }

    public synchronized SandboxUser setFullName(String fullName) {
        this.fullName = fullName;
        return this;
    }

    public synchronized SandboxUser setCompanyName(String companyName) {
        this.companyName = companyName;
        return this;
    }

    /** Changes the address and keeps its source type. Null means the user registered with a phone number. */
    public synchronized SandboxUser setEmail(String email) {
        this.email = email;
        return this;
    }

    public synchronized SandboxUser setEmail(String email, String sourceType) {
        this.email = email;
        return setEmailSourceType(sourceType);
    }

    public synchronized SandboxUser setEmailSourceType(String sourceType) {
        this.emailSourceType = Objects.requireNonNull(sourceType, "sourceType");
        return this;
    }

    /** E.164 number of a phone user; null (the default) renders {@code phones: []}. */
    public synchronized SandboxUser setPhone(String phone) {
        this.phone = phone;
        return this;
    }

    /** ISO 3166-1 alpha-2. */
    public synchronized SandboxUser setResidentialCountry(String country) {
        this.residentialCountry = country;
        return this;
    }

    public synchronized SandboxUser setAccreditedInvestor(boolean accreditedInvestor) {
        this.accreditedInvestor = accreditedInvestor;
        return this;
    }

    /** YYYY-MM-DD. */
    public synchronized SandboxUser setDateOfBirth(String dateOfBirth) {
        this.dateOfBirth = dateOfBirth;
        return this;
    }

    /** ISO 3166-1 alpha-2. */
    public synchronized SandboxUser setIdentificationDocumentCountry(String country) {
        this.identificationDocumentCountry = country;
        return this;
    }

    /** Adds the case for this level, or changes the status and credential of the existing one. */
    public synchronized SandboxUser setCase(String level, String status, String credential) {
        int index = indexOf(level);
        if (index < 0) {
            cases.add(VerificationCase.of(uid, level, status, credential));
        } else {
            cases.set(index, cases.get(index).withOutcome(status, credential));
        }
        return this;
    }

    /** Adds the case, replacing any case with the same level. */
    public synchronized SandboxUser putCase(VerificationCase verificationCase) {
        int index = indexOf(verificationCase.level());
        if (index < 0) {
            cases.add(verificationCase);
        } else {
            cases.set(index, verificationCase);
        }
        return this;
    }

    public synchronized SandboxUser removeCase(String level) {
        cases.removeIf(c -> c.level().equals(level));
        return this;
    }

    public synchronized SandboxUser clearCases() {
        cases.clear();
        return this;
    }

    /** Every case: done and approved. */
    public SandboxUser approve() {
        return setAllCases("done", "approved");
    }

    /** Every case: done and rejected. */
    public SandboxUser reject() {
        return setAllCases("done", "rejected");
    }

    /** Every case: waiting for Fractal (pending, pending). */
    public SandboxUser setPending() {
        return setAllCases("pending", "pending");
    }

    public synchronized SandboxUser setJourneyCompleted(boolean completed) {
        cases.replaceAll(c -> c.withJourneyCompleted(completed));
        return this;
    }

    /** Takes every mutable field from the other user (used to put seeded users back). */
    synchronized void restoreFrom(SandboxUser seed) {
        synchronized (seed) {
            accountType = seed.accountType;
            fullName = seed.fullName;
            companyName = seed.companyName;
            email = seed.email;
            emailSourceType = seed.emailSourceType;
            phone = seed.phone;
            residentialCountry = seed.residentialCountry;
            accreditedInvestor = seed.accreditedInvestor;
            dateOfBirth = seed.dateOfBirth;
            identificationDocumentCountry = seed.identificationDocumentCountry;
            cases.clear();
            cases.addAll(seed.cases);
        }
    }

    @Override
    public String toString() {
        return "SandboxUser[" + key + "]";
    }

    private synchronized SandboxUser setAllCases(String status, String credential) {
        cases.replaceAll(c -> c.withOutcome(status, credential));
        return this;
    }

    private int indexOf(String level) {
        for (int i = 0; i < cases.size(); i++) {
            if (cases.get(i).level().equals(level)) {
                return i;
            }
        }
        return -1;
    }

    private static void putIfPresent(Map<String, Object> map, String name, Object value) {
        if (value != null) {
            map.put(name, value);
        }
    }

    private static String checkAccountType(String accountType) {
        if (!PERSON.equals(accountType) && !INSTITUTION.equals(accountType)) {
            throw new IllegalArgumentException("account type must be person or institution, not " + accountType);
        }
        return accountType;
    }
}
