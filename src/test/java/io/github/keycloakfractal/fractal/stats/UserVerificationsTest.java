package io.github.keycloakfractal.fractal.stats;

import io.github.keycloakfractal.fractal.kyc.KycLedger;
import io.github.keycloakfractal.fractal.kyc.KycLevel;
import io.github.keycloakfractal.fractal.kyc.KycObservation;
import io.github.keycloakfractal.fractal.kyc.KycSource;
import io.github.keycloakfractal.fractal.kyc.KycStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@SuppressWarnings("deprecation")
class UserVerificationsTest {
    private static final Instant FETCHED = Instant.parse("2026-11-30T03:00:00Z");

    private static UserVerifications parse(String json) throws StatsException {
        return UserVerifications.parse(json.replace('\'', '"'));
    }

    @Test
    void rowsOfOneUserInAnyOrderBecomeOneVerdictWithTheApprovedLevels() throws Exception {
        UserVerifications listed = parse("[{'user_id':'u1','level':'plus+liveness','credential':'pending'},"
                + "{'user_id':'u2','level':'basic','credential':'rejected'},"
                + "{'user_id':'u1','level':'basic+liveness','credential':'approved'}]");

        assertThat(listed.verdicts().get("u1"))
                .isEqualTo(new FractalVerdict("u1", KycStatus.APPROVED, List.of(KycLevel.parse("basic+liveness")), true));
        assertThat(listed.verdicts().get("u2")).isEqualTo(new FractalVerdict("u2", KycStatus.REJECTED, List.of(), true));
        assertThat(listed.unreadable()).isEmpty();
    }

    @Test
    void expiredAndContactedAreStatusesToo() throws Exception {
        UserVerifications listed = parse("[{'user_id':'e','level':'basic','credential':'expired'},"
                + "{'user_id':'c','level':'basic','credential':'contacted'},{'user_id':'c','level':'plus','credential':'pending'}]");

        assertThat(listed.verdicts().get("e").status()).isEqualTo(KycStatus.EXPIRED);
        assertThat(listed.verdicts().get("c").status()).isEqualTo(KycStatus.CONTACTED);
    }

    @Test
    void theOriginalMapShapeNamesNoLevels() throws Exception {
        UserVerifications listed = parse("{'u1':'approved','u2':'pending','u3':'GREEN'}");

        assertThat(listed.verdicts().get("u1")).isEqualTo(new FractalVerdict("u1", KycStatus.APPROVED, List.of(), false));
        assertThat(listed.verdicts().get("u2").status()).isEqualTo(KycStatus.PENDING);
        assertThat(listed.unreadable()).containsExactly("u3");
    }

    @Test
    void aUserWithAnUnknownStatusOrLevelIsSetApartNotGuessed() throws Exception {
        UserVerifications listed = parse("[{'user_id':'u1','level':'basic','credential':'approved'},"
                + "{'user_id':'u1','level':'gold','credential':'approved'},{'user_id':'u2','level':'basic','credential':'done'},"
                + "{'user_id':'u3','level':'basic','credential':'approved','extra':{'nested':[1,2]}}]");

        assertThat(listed.unreadable()).containsExactlyInAnyOrder("u1", "u2");
        assertThat(listed.verdicts()).containsOnlyKeys("u3");
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
        assertThat(listed.verdicts()).containsOnlyKeys("u2");
    }
}
