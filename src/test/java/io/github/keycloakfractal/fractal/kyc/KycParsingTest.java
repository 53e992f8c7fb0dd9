package io.github.keycloakfractal.fractal.kyc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Every shape in fractal-api.md sections 3, 5, 6 and 7 that carries a KYC decision, and what must be refused. */
class KycParsingTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant NOW = Instant.parse("2026-11-22T10:00:00Z");

    private static Optional<KycObservation> observe(String json) throws Exception {
        return UserInfoKyc.observe(JSON.readTree(json.replace('\'', '"')), KycSource.BROKER_LOGIN, NOW);
    }

    /** Where a user stands after a login that saw {@code json}, when nothing else is known about them. */
    private static KycStanding standingAfterLogin(String json) throws Exception {
        return KycLedger.empty().merge(observe(json).orElseThrow(), NOW).ledger().derive();
    }

    @Test
    void levelStringsFollowTheGrammar() {
        assertThat(KycLevel.parse("plus+liveness+wallet-eth").components()).containsExactly("plus", "liveness", "wallet-eth");
        assertThat(KycLevel.parse("liveness").components()).as("webhooks send add-ons alone").containsExactly("liveness");
        assertThat(KycLevel.parse("basic+liveness")).hasToString("basic+liveness");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "gold", "basic+gold", "basic+plus", "basic+", "+liveness", "basic+liveness+liveness", "Basic"})
    void unknownOrMalformedLevelsAreErrors(String level) {
        assertThatThrownBy(() -> KycLevel.parse(level)).isInstanceOf(UnknownKycValueException.class);
    }

    @ParameterizedTest
    @CsvSource({"approved,APPROVED", "pending,PENDING", "contacted,CONTACTED", "rejected,REJECTED", "expired,EXPIRED", "Approved,APPROVED"})
    void statusesParse(String value, KycStatus expected) {
        assertThat(KycStatus.parse(value)).isEqualTo(expected);
    }

    @Test
    void unknownStatusesAreErrorsNotGuesses() {
        assertThatThrownBy(() -> KycStatus.parse("done")).isInstanceOf(UnknownKycValueException.class);
        assertThatThrownBy(() -> KycStatus.parse("verified")).isInstanceOf(UnknownKycValueException.class);
        assertThatThrownBy(() -> KycStatus.parse(null)).isInstanceOf(UnknownKycValueException.class);
    }

    @Test
    void legacyWebhookTypesMapToStatuses() {
        assertThat(KycStatus.fromWebhookType("verification_approved")).isEqualTo(KycStatus.APPROVED);
        assertThat(KycStatus.fromWebhookType("verification_rejected")).isEqualTo(KycStatus.REJECTED);
        assertThat(KycStatus.fromWebhookType("verification_contacted")).isEqualTo(KycStatus.CONTACTED);
        assertThatThrownBy(() -> KycStatus.fromWebhookType("email_changed")).isInstanceOf(UnknownKycValueException.class);
    }

    @Test
    void krakenStatesAreApprovedPendingOrRejected() {
        assertThat(KycStatus.fromKraken("approved")).isEqualTo(KycStatus.APPROVED);
        assertThat(KycStatus.fromKraken("pending")).isEqualTo(KycStatus.PENDING);
        assertThat(KycStatus.fromKraken("rejected")).isEqualTo(KycStatus.REJECTED);
        assertThatThrownBy(() -> KycStatus.fromKraken("contacted")).isInstanceOf(UnknownKycValueException.class);
        assertThatThrownBy(() -> KycStatus.fromKraken("GREEN")).isInstanceOf(UnknownKycValueException.class);
    }

    @Test
    void aLoginWithTheDocumentedApprovedCaseApprovesEveryComponentOfItsLevel() throws Exception {
        KycStanding standing = standingAfterLogin("{'verification_cases':[{'id':'1','level':'basic+liveness','journey_completed':true,"
                + "'status':'done','credential':'approved','details':null}]}");

        assertThat(standing.status()).contains(KycStatus.APPROVED);
        assertThat(standing.grantedLevels()).containsExactly("basic", "liveness");
        assertThat(standing.updatedAt()).as("the moment the user info was read").contains(NOW);
    }

    @Test
    void contactedCasesWaitForTheUser() throws Exception {
        KycStanding standing = standingAfterLogin("{'verification_cases':[{'level':'plus','status':'contacted','credential':'pending'}]}");

        assertThat(standing.status()).contains(KycStatus.CONTACTED);
        assertThat(standing.grantedLevels()).as("nothing approved yet").isEmpty();
    }

    @Test
    void anyApprovedCaseApprovesWithOnlyTheApprovedLevels() throws Exception {
        KycStanding standing = standingAfterLogin("{'verification_cases':[{'level':'basic+liveness','status':'done','credential':'approved'},"
                + "{'level':'plus+sow','status':'done','credential':'rejected'}]}");

        assertThat(standing.status()).contains(KycStatus.APPROVED);
        assertThat(standing.grantedLevels()).containsExactly("basic", "liveness");
    }

    @Test
    void rejectionOutranksPending() throws Exception {
        KycStanding standing = standingAfterLogin("{'verification_cases':[{'level':'plus','status':'pending','credential':'pending'},"
                + "{'level':'basic','status':'done','credential':'rejected'}]}");

        assertThat(standing.status()).contains(KycStatus.REJECTED);
        assertThat(standing.grantedLevels()).isEmpty();
    }

    @Test
    void v1VerificationsListApprovedLevels() throws Exception {
        KycStanding standing = standingAfterLogin("{'uid':'x','verifications':[{'level':'v1'},{'level':'plus+selfie'}]}");

        assertThat(standing.status()).contains(KycStatus.APPROVED);
        assertThat(standing.grantedLevels()).containsExactlyInAnyOrder("v1", "plus", "selfie");
    }

    @Test
    void aLoginObservesEachComponentOfEachCaseAtTheMomentItReadTheUserInfo() throws Exception {
        KycObservation seen = observe("{'verification_cases':[{'id':'1','level':'basic+liveness','journey_completed':true,"
                + "'status':'done','credential':'approved','details':null}]}").orElseThrow();

        assertThat(seen.components()).isEqualTo(new java.util.TreeMap<>(java.util.Map.of("basic", KycStatus.APPROVED, "liveness", KycStatus.APPROVED)));
        assertThat(seen.at()).isEqualTo(NOW);
        assertThat(seen.source()).isEqualTo(KycSource.BROKER_LOGIN);
    }

    @Test
    void aLoginObservesBothOutcomeEncodingsAndContactedCases() throws Exception {
        assertThat(observe("{'verification_cases':[{'level':'plus','status':'approved'}]}").orElseThrow().components())
                .containsOnly(java.util.Map.entry("plus", KycStatus.APPROVED));
        assertThat(observe("{'verification_cases':[{'level':'plus','status':'pending'}]}").orElseThrow().components())
                .containsOnly(java.util.Map.entry("plus", KycStatus.PENDING));
        assertThat(observe("{'verification_cases':[{'level':'plus','status':'expired'}]}").orElseThrow().components())
                .containsOnly(java.util.Map.entry("plus", KycStatus.EXPIRED));
        assertThat(observe("{'verification_cases':[{'level':'plus+sow','status':'contacted','credential':'pending'}]}").orElseThrow().components())
                .containsOnly(java.util.Map.entry("plus", KycStatus.CONTACTED), java.util.Map.entry("sow", KycStatus.CONTACTED));
        assertThat(observe("{'verification_cases':[{'level':'basic','status':'contacted','credential':'rejected'}]}").orElseThrow().components())
                .containsOnly(java.util.Map.entry("basic", KycStatus.REJECTED));
    }

    @Test
    void casesNamingTheSameComponentResolveByPrecedenceWhateverTheirOrder() throws Exception {
        String approvedFirst = "{'verification_cases':[{'level':'basic+liveness','status':'done','credential':'approved'},"
                + "{'level':'plus+liveness','status':'done','credential':'rejected'}]}";
        String rejectedFirst = "{'verification_cases':[{'level':'plus+liveness','status':'done','credential':'rejected'},"
                + "{'level':'basic+liveness','status':'done','credential':'approved'}]}";

        KycObservation seen = observe(approvedFirst).orElseThrow();
        assertThat(seen.components()).containsOnly(java.util.Map.entry("basic", KycStatus.APPROVED),
                java.util.Map.entry("liveness", KycStatus.APPROVED), java.util.Map.entry("plus", KycStatus.REJECTED));
        assertThat(observe(rejectedFirst)).contains(seen);
        KycStanding standing = KycLedger.empty().merge(seen, NOW).ledger().derive();
        assertThat(standing.status()).contains(KycStatus.APPROVED);
        assertThat(standing.grantedLevels()).containsExactly("basic", "liveness");
    }

    @Test
    void aV1LoginObservesEveryListedVerificationAsApproved() throws Exception {
        assertThat(observe("{'uid':'x','verifications':[{'level':'v1'},{'level':'plus+selfie'}]}").orElseThrow().components())
                .containsOnly(java.util.Map.entry("v1", KycStatus.APPROVED), java.util.Map.entry("plus", KycStatus.APPROVED),
                        java.util.Map.entry("selfie", KycStatus.APPROVED));
    }

    @Test
    void aLoginWithoutVerificationDataObservesNothing() throws Exception {
        assertThat(observe("{'uid':'x'}")).isEmpty();
        assertThat(observe("{'uid':'x','verification_cases':[],'verifications':[]}")).isEmpty();
        assertThat(UserInfoKyc.observe(null, KycSource.BROKER_LOGIN, NOW)).isEmpty();
    }

    @Test
    void unknownValuesInObservedCasesAreErrors() {
        List.of("{'verification_cases':[{'level':'plus','status':'done'}]}",
                        "{'verification_cases':[{'level':'plus','status':'done','credential':'maybe'}]}",
                        "{'verification_cases':[{'level':'plus','status':'archived','credential':'approved'}]}",
                        "{'verification_cases':[{'level':'diamond','status':'done','credential':'approved'}]}",
                        "{'verification_cases':[{'status':'done','credential':'approved'}]}",
                        "{'verification_cases':[7]}", "{'verification_cases':[null]}",
                        "{'verifications':[{'level':['basic']}]}")
                .forEach(json -> assertThatThrownBy(() -> observe(json)).as(json).isInstanceOf(UnknownKycValueException.class));
    }

    @Test
    void statusPrecedenceIsFractalsOverallOrder() {
        assertThat(KycStatus.strongest(List.of(KycStatus.PENDING, KycStatus.EXPIRED, KycStatus.CONTACTED))).isEqualTo(KycStatus.EXPIRED);
        assertThat(KycStatus.strongest(List.of(KycStatus.REJECTED, KycStatus.APPROVED))).isEqualTo(KycStatus.APPROVED);
        assertThatThrownBy(() -> KycStatus.strongest(List.of())).isInstanceOf(UnknownKycValueException.class);
    }

    @Test
    void sourcesReadBackAsStored() {
        for (KycSource source : KycSource.values()) {
            assertThat(KycSource.parse(source.value())).isEqualTo(source);
        }
        assertThat(KycSource.MIGRATION.value()).isEqualTo("migration");
        assertThat(KycSource.ADMIN_RECHECK.value()).isEqualTo("admin-recheck");
        assertThatThrownBy(() -> KycSource.parse("WEBHOOK")).isInstanceOf(UnknownKycValueException.class);
        assertThatThrownBy(() -> KycSource.parse(null)).isInstanceOf(UnknownKycValueException.class);
    }

    @Test
    void errorMessagesQuoteCallerValuesShortAndWithoutControlCharacters() {
        assertThatThrownBy(() -> KycLevel.parse("gold\n" + "x".repeat(10_000)))
                .isInstanceOf(UnknownKycValueException.class)
                .satisfies(e -> assertThat(e.getMessage()).hasSizeLessThan(200).doesNotContain("\n"));
    }
}
