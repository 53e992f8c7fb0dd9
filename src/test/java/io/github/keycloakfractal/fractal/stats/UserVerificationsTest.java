package io.github.keycloakfractal.fractal.stats;

import io.github.keycloakfractal.fractal.kyc.KycLedger;
import io.github.keycloakfractal.fractal.kyc.KycLevel;
import io.github.keycloakfractal.fractal.kyc.KycObservation;
import io.github.keycloakfractal.fractal.kyc.KycSource;
import io.github.keycloakfractal.fractal.kyc.KycStanding;
import io.github.keycloakfractal.fractal.kyc.KycStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class UserVerificationsTest {
    private static final Instant FETCHED = Instant.parse("2026-11-30T03:00:00Z");

    private static UserVerifications parse(String json) throws StatsException {
        return UserVerifications.parse(json.replace('\'', '"'));
    }

    private static KycObservation observed(UserVerifications listed, String uid) {
        return listed.observation(uid, FETCHED, KycSource.RECONCILIATION).orElseThrow();
    }

    /** Where the user stands when the statistics are all that is known about them. */
    private static KycStanding standing(UserVerifications listed, String uid) {
        return KycLedger.empty().merge(observed(listed, uid), FETCHED).ledger().derive();
    }

    private static void assertStanding(KycStanding standing, KycStatus status, String... granted) {
        assertThat(standing.status()).contains(status);
        assertThat(standing.grantedLevels()).containsExactlyInAnyOrder(granted);
    }

    @Test
    void rowsOfOneUserInAnyOrderGiveTheStatusAndOnlyTheApprovedLevels() throws Exception {
        UserVerifications listed = parse("[{'user_id':'u1','level':'plus+liveness','credential':'pending'},"
                + "{'user_id':'u2','level':'basic','credential':'rejected'},"
                + "{'user_id':'u1','level':'basic+liveness','credential':'approved'}]");

        assertStanding(standing(listed, "u1"), KycStatus.APPROVED, "basic", "liveness");
        assertStanding(standing(listed, "u2"), KycStatus.REJECTED);
        assertThat(listed.unreadable()).isEmpty();
    }

    @Test
    void expiredAndContactedAreStatusesToo() throws Exception {
        UserVerifications listed = parse("[{'user_id':'e','level':'basic','credential':'expired'},"
                + "{'user_id':'c','level':'basic','credential':'contacted'},{'user_id':'c','level':'plus','credential':'pending'}]");

        assertStanding(standing(listed, "e"), KycStatus.EXPIRED);
        assertStanding(standing(listed, "c"), KycStatus.CONTACTED);
    }

    @Test
    void theOriginalMapShapeNamesNoLevelsSoTheLevelsAUserHoldsStay() throws Exception {
        UserVerifications listed = parse("{'u1':'approved','u2':'pending','u3':'GREEN'}");
        KycLedger basicApproved = KycLedger.empty().merge(KycObservation.of(KycLevel.parse("basic"), KycStatus.APPROVED,
                FETCHED.minusSeconds(3600), KycSource.WEBHOOK), FETCHED).ledger();

        assertStanding(standing(listed, "u1"), KycStatus.APPROVED);
        assertStanding(basicApproved.merge(observed(listed, "u1"), FETCHED).ledger().derive(), KycStatus.APPROVED, "basic");
        assertStanding(standing(listed, "u2"), KycStatus.PENDING);
        assertThat(listed.unreadable()).containsExactly("u3");
    }

    @Test
    void aUserWithAnUnknownStatusOrLevelIsSetApartNotGuessed() throws Exception {
        UserVerifications listed = parse("[{'user_id':'u1','level':'basic','credential':'approved'},"
                + "{'user_id':'u1','level':'gold','credential':'approved'},{'user_id':'u2','level':'basic','credential':'done'},"
                + "{'user_id':'u3','level':'basic','credential':'approved','extra':{'nested':[1,2]}}]");

        assertThat(listed.unreadable()).containsExactlyInAnyOrder("u1", "u2");
        assertThat(listed.users()).containsExactly("u3");
        assertThat(listed.observation("u1", FETCHED, KycSource.RECONCILIATION)).isEmpty();
        assertThat(listed.observation("u2", FETCHED, KycSource.RECONCILIATION)).isEmpty();
        assertStanding(standing(listed, "u3"), KycStatus.APPROVED, "basic");
    }

    @ParameterizedTest
    @ValueSource(strings = {"not json", "'a string'", "[{'level':'basic','credential':'approved'}]", "['u1']", "[{'user_id':'u1'"})
    void malformedAnswersAreRefused(String body) {
        assertThatThrownBy(() -> parse(body)).isInstanceOf(StatsException.class);
    }

    @Test
    void eachRowNamesItsComponentsAndRowsSharingOneResolveByPrecedence() throws Exception {
        UserVerifications listed = parse("[{'user_id':'u1','level':'plus+liveness','credential':'pending'},"
                + "{'user_id':'u2','level':'basic','credential':'rejected'},"
                + "{'user_id':'u1','level':'basic+liveness','credential':'approved'}]");

        KycObservation u1 = listed.observation("u1", FETCHED, KycSource.RECONCILIATION).orElseThrow();
        assertThat(u1.components()).containsOnly(Map.entry("basic", KycStatus.APPROVED), Map.entry("liveness", KycStatus.APPROVED),
                Map.entry("plus", KycStatus.PENDING));
        assertThat(u1.at()).isEqualTo(FETCHED);
        assertThat(u1.source()).isEqualTo(KycSource.RECONCILIATION);
        assertThat(listed.observation("u2", FETCHED, KycSource.ADMIN_RECHECK).orElseThrow().components())
                .containsOnly(Map.entry("basic", KycStatus.REJECTED));
        assertThat(listed.users()).containsExactly("u1", "u2");
    }

    @Test
    void theOrderOfRowsDoesNotChangeTheObservation() throws Exception {
        UserVerifications one = parse("[{'user_id':'u1','level':'plus+liveness','credential':'rejected'},"
                + "{'user_id':'u1','level':'basic+liveness','credential':'expired'}]");
        UserVerifications other = parse("[{'user_id':'u1','level':'basic+liveness','credential':'expired'},"
                + "{'user_id':'u1','level':'plus+liveness','credential':'rejected'}]");

        assertThat(one.observation("u1", FETCHED, KycSource.RECONCILIATION)).isEqualTo(other.observation("u1", FETCHED, KycSource.RECONCILIATION));
        assertThat(one.observation("u1", FETCHED, KycSource.RECONCILIATION).orElseThrow().components()).containsEntry("liveness", KycStatus.REJECTED);
    }

    @Test
    void theOriginalMapShapeGivesTheStatusOnlyForm() throws Exception {
        UserVerifications listed = parse("{'u1':'approved','u2':'pending','u3':'GREEN'}");

        assertThat(listed.observation("u1", FETCHED, KycSource.RECONCILIATION))
                .contains(KycObservation.statusOnly(KycStatus.APPROVED, FETCHED, KycSource.RECONCILIATION));
        assertThat(listed.observation("u2", FETCHED, KycSource.RECONCILIATION).orElseThrow().components())
                .containsOnly(Map.entry(KycLedger.STATUS_ONLY, KycStatus.PENDING));
        assertThat(listed.users()).containsExactly("u1", "u2");
    }

    @Test
    void unreadableAndUnlistedUsersHaveNoObservation() throws Exception {
        UserVerifications listed = parse("[{'user_id':'u1','level':'basic','credential':'approved'},"
                + "{'user_id':'u1','level':'gold','credential':'approved'},{'user_id':'u3','level':'basic','credential':'approved'}]");

        assertThat(listed.observation("u1", FETCHED, KycSource.RECONCILIATION)).isEmpty();
        assertThat(listed.observation("nobody", FETCHED, KycSource.RECONCILIATION)).isEmpty();
        assertThat(listed.users()).containsExactly("u3");
    }

    @Test
    void aUserListedTwiceWithDifferentStatusesInTheMapShapeIsNotGuessed() throws Exception {
        UserVerifications listed = parse("{'u1':'approved','u2':'pending','u1':'rejected','u2':'pending'}");

        assertThat(listed.unreadable()).containsExactly("u1");
        assertThat(listed.users()).containsExactly("u2");
        assertThat(listed.observation("u1", FETCHED, KycSource.RECONCILIATION)).isEmpty();
    }
}
