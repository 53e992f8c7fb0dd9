package io.github.keycloakfractal.sandbox;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The users of one sandbox, in the order the consent page lists them. Starts with four seeds covering the cases
 * the extension must handle: an approved person, an approved institution, a pending person and a rejected person
 * whose email Fractal did not verify. Seed uids are constants so a restarted sandbox is the same Fractal.
 */
final class SandboxUsers {
    private final Map<String, SandboxUser> users = new LinkedHashMap<>();

    static SandboxUsers seeded() {
        SandboxUsers registry = new SandboxUsers();
        seeds().forEach(registry::add);
        return registry;
    }

    /** Fresh copies of the seeded users. */
    static List<SandboxUser> seeds() {
        return List.of(
                SandboxUser.person("alice", "2f1e6a3c-5b7d-4c8e-9a0b-1c2d3e4f5a61", "Alice Approved")
                        .setEmail("alice@example.com", "registration").setResidentialCountry("US").setAccreditedInvestor(true)
                        .setDateOfBirth("1990-01-15").setIdentificationDocumentCountry("US")
                        .setCase("basic+liveness", "done", "approved"),
                SandboxUser.institution("acme", "7c9d0e1f-2a3b-4c5d-8e6f-7a8b9c0d1e22", "Acme Holdings Ltd")
                        .setEmail("ops@acme.example", "registration").setResidentialCountry("DE").setAccreditedInvestor(false)
                        .setCase("plus", "done", "approved"),
                SandboxUser.person("pete", "4a5b6c7d-8e9f-4a0b-9c1d-2e3f4a5b6c33", "Pete Pending")
                        .setEmail("pete@example.com", "registration").setResidentialCountry("GB").setAccreditedInvestor(false)
                        .setDateOfBirth("1985-06-30").setIdentificationDocumentCountry("GB")
                        .setCase("basic+liveness", "pending", "pending"),
                SandboxUser.person("rita", "c1d2e3f4-a5b6-4c7d-8e9f-0a1b2c3d4e44", "Rita Rejected")
                        .setEmail("rita@example.com", "journey").setResidentialCountry("FR").setAccreditedInvestor(false)
                        .setDateOfBirth("1979-11-02").setIdentificationDocumentCountry("FR")
                        .setCase("plus+liveness", "done", "rejected"));
    }

    synchronized void add(SandboxUser user) {
        if (users.putIfAbsent(user.key(), user) != null) {
            throw new IllegalArgumentException("there already is a sandbox user '" + user.key() + "'");
        }
    }

    synchronized Optional<SandboxUser> find(String key) {
        return Optional.ofNullable(key == null ? null : users.get(key));
    }

    SandboxUser get(String key) {
        return find(key).orElseThrow(() -> new IllegalArgumentException("no sandbox user '" + key + "', known: " + keys()));
    }

    synchronized List<SandboxUser> all() {
        return List.copyOf(users.values());
    }

    synchronized List<String> keys() {
        return new ArrayList<>(users.keySet());
    }

    /** Puts every seeded user back to its seed data (same objects, so tests' references stay valid) and drops added users. */
    synchronized void reset() {
        Map<String, SandboxUser> seeded = new LinkedHashMap<>();
        for (SandboxUser seed : seeds()) {
            SandboxUser user = users.getOrDefault(seed.key(), seed);
            user.restoreFrom(seed);
            seeded.put(seed.key(), user);
        }
        users.clear();
        users.putAll(seeded);
    }
}
