package io.github.keycloakfractal.fractal.kyc;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import static io.github.keycloakfractal.fractal.kyc.KycLedgerMergeTest.seen;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Users stored by the previous version (status, approved levels, updated-at) keep exactly their status and level
 * roles. The previous applier granted one level role per known component of {@code fractal_kyc_levels}, and those
 * were empty unless the status was approved: that is what each expectation below restates.
 */
class KycLedgerMigrationTest {
    private static final String STORED_AT = "2025-06-01T12:00:00Z";
    private static final Instant NOW = Instant.parse("2026-11-30T00:00:00Z");

    static Stream<Arguments> storedUsers() {
        List<Arguments> users = new ArrayList<>();
        List<List<String>> levelSets = List.of(List.of(), List.of("basic"), List.of("basic", "liveness"), List.of("liveness"),
                List.of("plus", "selfie", "wallet-eth"), List.of("liveness", "gold"), List.of("v1", "light"));
        List<String> times = Arrays.asList(STORED_AT, null, "", "last tuesday");
        for (String status : List.of("approved", "pending", "contacted", "rejected", "expired")) {
            for (List<String> levels : levelSets) {
                for (String time : times) {
                    Set<String> roles = new java.util.TreeSet<>();
                    if (status.equals("approved")) {
                        levels.stream().filter(level -> !level.equals("gold")).forEach(roles::add);
                    }
                    users.add(Arguments.of(status, levels, time, roles));
                }
            }
        }
        return users.stream();
    }

    @ParameterizedTest(name = "{0} {1} at {2}")
    @MethodSource("storedUsers")
    void everyStoredUserKeepsStatusAndLevelRoles(String status, List<String> levels, String updatedAt, Set<String> roles) {
        KycLedger ledger = KycLedger.fromLegacy(status, status.equals("approved") ? levels : List.of(), updatedAt);

        KycStanding standing = ledger.derive();
        assertThat(standing.status()).contains(KycStatus.parse(status));
        assertThat(standing.grantedLevels()).containsExactlyInAnyOrderElementsOf(roles);
        assertThat(standing.updatedAt()).contains(STORED_AT.equals(updatedAt) ? Instant.parse(STORED_AT) : Instant.EPOCH);
        assertThat(ledger.decisions().values()).allSatisfy(decision -> assertThat(decision.source()).isEqualTo(KycSource.MIGRATION));
        assertThat(KycLedger.decode(ledger.encode()).ledger()).isEqualTo(ledger);
    }

    @ParameterizedTest(name = "{0} {1} at {2}")
    @MethodSource("storedUsers")
    void levelsLeftOnAUserWhoIsNotApprovedGrantNothingAsBefore(String status, List<String> levels, String updatedAt, Set<String> roles) {
        assertThat(KycLedger.fromLegacy(status, levels, updatedAt).derive().grantedLevels()).containsExactlyInAnyOrderElementsOf(roles);
    }

    @Test
    void aUserWithoutAStatusHasAnEmptyLedger() {
        assertThat(KycLedger.fromLegacy(null, List.of("basic"), STORED_AT).isEmpty()).isTrue();
        assertThat(KycLedger.fromLegacy(" ", null, null).isEmpty()).isTrue();
    }

    @Test
    void aStatusThisExtensionNeverWroteIsRefused() {
        assertThatThrownBy(() -> KycLedger.fromLegacy("verified", List.of(), STORED_AT)).isInstanceOf(UnknownKycValueException.class);
    }

    @Test
    void afterMigrationTheNextNamedMainDecisionTakesOverAsTheNextObservationDidBefore() {
        KycLedger rejected = KycLedger.fromLegacy("rejected", List.of(), STORED_AT);

        KycLedger restarted = rejected.merge(seen("basic", KycStatus.PENDING, Instant.parse("2025-07-01T00:00:00Z"), KycSource.BROKER_LOGIN), NOW).ledger();

        assertThat(restarted.derive().status()).contains(KycStatus.PENDING);
    }

    @Test
    void afterMigrationALateWebhookOlderThanTheStoredStateChangesNothing() {
        KycLedger approved = KycLedger.fromLegacy("approved", List.of("basic", "liveness"), STORED_AT);

        KycMerge late = approved.merge(seen("basic", KycStatus.REJECTED, Instant.parse("2025-05-01T00:00:00Z"), KycSource.WEBHOOK), NOW);

        assertThat(late.superseded()).containsExactly("basic");
        assertThat(late.ledger().derive().grantedLevels()).containsExactly("basic", "liveness");
    }

    @Test
    void afterMigrationOfAnAddOnOnlyApprovalTheFirstMainDecisionDecides() {
        KycLedger livenessOnly = KycLedger.fromLegacy("approved", List.of("liveness"), STORED_AT);
        assertThat(livenessOnly.derive().grantedLevels()).containsExactly("liveness");

        KycLedger basic = livenessOnly.merge(seen("basic", KycStatus.APPROVED, Instant.parse("2025-07-01T00:00:00Z"), KycSource.WEBHOOK), NOW).ledger();
        assertThat(basic.derive().grantedLevels()).containsExactly("basic", "liveness");

        KycLedger rejected = livenessOnly.merge(seen("basic", KycStatus.REJECTED, Instant.parse("2025-07-01T00:00:00Z"), KycSource.WEBHOOK), NOW).ledger();
        assertThat(rejected.derive().status()).contains(KycStatus.REJECTED);
        assertThat(rejected.derive().grantedLevels()).isEmpty();
    }
}
