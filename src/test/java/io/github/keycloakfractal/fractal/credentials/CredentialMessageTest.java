package io.github.keycloakfractal.fractal.credentials;

import io.github.keycloakfractal.fractal.kyc.KycLevel;
import io.github.keycloakfractal.fractal.profile.CountryCode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;

import static io.github.keycloakfractal.fractal.credentials.AppendixA.USER_MESSAGE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The message grammar of fractal-api.md section 8, its error codes, and exact texts written out by hand. */
class CredentialMessageTest {
    private static final String CLIENT = "dc3aa1910acbb7ff4d22c07e43a6926adc3a81305a9355a304410048c9a91afd";
    private static final String HEADER = "I authorize Defistarter (" + CLIENT + ") to get a proof from Fractal that:";
    private static final CountryCode DE = new CountryCode("DE");
    private static final CountryCode CA = new CountryCode("CA");
    private static final CountryCode US = new CountryCode("US");

    private static CredentialMessage.Builder defistarter(String level) {
        return CredentialMessage.builder("Defistarter", CLIENT, KycLevel.parse(level));
    }

    private static void refused(String text, CredentialError expected) {
        assertThatThrownBy(() -> CredentialMessage.parse(text))
                .isInstanceOfSatisfying(CredentialException.class, e -> assertThat(e.error()).isEqualTo(expected));
    }

    @Test
    void buildsTheDocumentedMessageExactly() {
        CredentialMessage message = defistarter("plus+liveness").notCitizenOf(List.of(DE)).notResidentOf(List.of(CA, DE, US)).build();

        assertThat(message.text()).isEqualTo(USER_MESSAGE);
        assertThat(message).hasToString(USER_MESSAGE);
    }

    @Test
    void parsesTheDocumentedMessage() {
        CredentialMessage message = CredentialMessage.parse(USER_MESSAGE);

        assertThat(message.appName()).isEqualTo("Defistarter");
        assertThat(message.clientId()).isEqualTo(CLIENT);
        assertThat(message.kind()).isEqualTo(CredentialMessage.Kind.KYC);
        assertThat(message.level().components()).containsExactly("plus", "liveness");
        assertThat(message.baseLevel()).isEqualTo(CredentialLevel.PLUS);
        assertThat(message.notCitizenOf()).extracting(c -> c.code().value()).containsExactly("DE");
        assertThat(message.notResidentOf()).extracting(c -> c.code().value()).containsExactly("CA", "DE", "US");
        assertThat(message.notResidentOf()).extracting(ListedCountry::name)
                .containsExactly("Canada", "Germany", "United States of America");
        assertThat(message.dataSharing()).isEqualTo(CredentialMessage.DataSharing.NONE);
        assertThat(message.text()).isEqualTo(USER_MESSAGE);
    }

    @Test
    void minimalMessageHasTwoLinesAndNoTrailingNewline() {
        CredentialMessage message = defistarter("uniqueness").build();

        assertThat(message.text()).isEqualTo(HEADER + "\n- I passed KYC level uniqueness");
        assertThat(CredentialMessage.parse(message.text())).isEqualTo(message);
    }

    @Test
    void eachOptionalLineOnItsOwn() {
        String citizenship = HEADER + "\n- I passed KYC level basic\n- I am not a citizen of the following countries: Cuba (CU), Iran (IR)";
        String residency = HEADER + "\n- I passed KYC level plus\n- I am not a resident of the following countries: Canada (CA)";
        String sharing = HEADER + "\n- I passed KYC level plus\nI also allow access to my data that was used to pass this level.";

        assertThat(defistarter("basic").notCitizenOf(List.of(new CountryCode("CU"), new CountryCode("IR"))).build().text())
                .isEqualTo(citizenship);
        assertThat(defistarter("plus").notResidentOf(List.of(CA)).build().text()).isEqualTo(residency);
        assertThat(defistarter("plus").shareData().build().text()).isEqualTo(sharing);

        assertThat(CredentialMessage.parse(citizenship).notCitizenOf()).extracting(c -> c.code().value()).containsExactly("CU", "IR");
        assertThat(CredentialMessage.parse(citizenship).notResidentOf()).isEmpty();
        assertThat(CredentialMessage.parse(residency).notCitizenOf()).isEmpty();
        assertThat(CredentialMessage.parse(residency).notResidentOf()).extracting(c -> c.code().value()).containsExactly("CA");
        assertThat(CredentialMessage.parse(sharing).dataSharing()).isEqualTo(CredentialMessage.DataSharing.GRANTED);
    }

    @Test
    void everythingTogetherRoundTrips() {
        String full = "I authorize My App (Extra) (client-1) to get a proof from Fractal that:\n"
                + "- I passed KYB level plus+liveness+wallet-eth\n"
                + "- I am not a citizen of the following countries: Democratic People's Republic of Korea (KP)\n"
                + "- I am not a resident of the following countries: Germany (DE), United States of America (US)\n"
                + "I also allow access to my data that was used to pass this level.";
        CredentialMessage built = CredentialMessage.builder("My App (Extra)", "client-1", KycLevel.parse("plus+liveness+wallet-eth"))
                .kind(CredentialMessage.Kind.KYB)
                .notCitizenOf(List.of(new CountryCode("KP")))
                .notResidentOf(List.of(DE, US))
                .shareData()
                .build();

        assertThat(built.text()).isEqualTo(full);
        CredentialMessage parsed = CredentialMessage.parse(full);
        assertThat(parsed).isEqualTo(built);
        assertThat(parsed.appName()).isEqualTo("My App (Extra)");
        assertThat(parsed.clientId()).isEqualTo("client-1");
        assertThat(parsed.kind()).isEqualTo(CredentialMessage.Kind.KYB);
        assertThat(CredentialMessage.parse(parsed.text()).text()).isEqualTo(full);
    }

    @Test
    void theOlderDataSharingWordingIsReadAndKeptVerbatim() {
        String old = HEADER + "\n- I passed KYC level basic\nI also allow access to my data that was used to pass this KYC level.";

        CredentialMessage message = CredentialMessage.parse(old);

        assertThat(message.dataSharing()).isEqualTo(CredentialMessage.DataSharing.GRANTED_KYC_WORDING);
        assertThat(message.text()).isEqualTo(old);
    }

    @Test
    void javaNamesAndOfficialAliasesAreBothAcceptedAndKeptAsWritten() {
        String java = HEADER + "\n- I passed KYC level plus\n- I am not a resident of the following countries: United States (US), North Korea (KP)";
        String official = HEADER + "\n- I passed KYC level plus\n- I am not a resident of the following countries: "
                + "Islamic Republic of Iran (IR), Russian Federation (RU), Myanmar (Burma) (MM)";

        assertThat(CredentialMessage.parse(java).notResidentOf()).extracting(c -> c.code().value()).containsExactly("US", "KP");
        assertThat(CredentialMessage.parse(java).text()).isEqualTo(java);
        assertThat(CredentialMessage.parse(official).notResidentOf()).extracting(ListedCountry::name)
                .containsExactly("Islamic Republic of Iran", "Russian Federation", "Myanmar (Burma)");
    }

    @Test
    void buildingUsesTheNamesFractalDocuments() {
        assertThat(ListedCountry.of(US)).hasToString("United States of America (US)");
        assertThat(ListedCountry.of(new CountryCode("KP"))).hasToString("Democratic People's Republic of Korea (KP)");
        assertThat(ListedCountry.of(DE)).hasToString("Germany (DE)");
        assertThat(ListedCountry.of(new CountryCode("SY"))).hasToString("Syria (SY)");
    }

    // ---- invalid_message_schema

    @ParameterizedTest
    @ValueSource(strings = {
            "",
            "I authorize Defistarter (abc) to get a proof from Fractal that:",
            "I authorize Defistarter (abc) to get a proof from Fractal that:\n- I passed KYC level plus\n",
            "I authorize Defistarter (abc) to get a proof from Fractal that:\r\n- I passed KYC level plus",
            "I authorize Defistarter (abc) to get a proof from Fractal that:\n- I passed KYC level plus\r",
            "I authorise Defistarter (abc) to get a proof from Fractal that:\n- I passed KYC level plus",
            "I authorize Defistarter to get a proof from Fractal that:\n- I passed KYC level plus",
            "I authorize Defistarter (a b) to get a proof from Fractal that:\n- I passed KYC level plus",
            "I authorize Defistarter () to get a proof from Fractal that:\n- I passed KYC level plus",
            "I authorize  (abc) to get a proof from Fractal that:\n- I passed KYC level plus",
            "I authorize Defistarter (abc) to get a proof from Fractal that:\n- I passed KYX level plus",
            "I authorize Defistarter (abc) to get a proof from Fractal that:\n- I passed kyc level plus",
            "I authorize Defistarter (abc) to get a proof from Fractal that:\n- I passed KYC level ",
            "I authorize Defistarter (abc) to get a proof from Fractal that:\n- I passed KYC level plus liveness",
            "I authorize Defistarter (abc) to get a proof from Fractal that:\n- I passed KYC level plus\n- I am not a citizen of the following countries: ",
            "I authorize Defistarter (abc) to get a proof from Fractal that:\n- I passed KYC level plus\n- I am not a citizen of the following countries:",
            "I authorize Defistarter (abc) to get a proof from Fractal that:\n- I passed KYC level plus\n- I am not a resident of the following countries: ",
            "I authorize Defistarter (abc) to get a proof from Fractal that:\n- I passed KYC level plus\n- I am not a citizen of the following countries: Germany",
            "I authorize Defistarter (abc) to get a proof from Fractal that:\n- I passed KYC level plus\n- I am not a citizen of the following countries: Germany(DE)",
            "I authorize Defistarter (abc) to get a proof from Fractal that:\n- I passed KYC level plus\n- I am not a citizen of the following countries: Germany (DE),Canada (CA)",
            "I authorize Defistarter (abc) to get a proof from Fractal that:\n- I passed KYC level plus\n- I am not a citizen of the following countries: Germany (DE), ",
            "I authorize Defistarter (abc) to get a proof from Fractal that:\n- I passed KYC level plus\n- I am not a citizen of the following countries: Iran, Islamic Republic of (IR)",
            "I authorize Defistarter (abc) to get a proof from Fractal that:\n- I passed KYC level plus\n- I am not a citizen of the following countries: Germany (DE) ",
            "I authorize Defistarter (abc) to get a proof from Fractal that:\n- I passed KYC level plus\n- I am not a citizen of the following countries:  Germany (DE)",
            "I authorize Defistarter (abc) to get a proof from Fractal that:\n- I passed KYC level plus\n- I am not a resident of the following countries: Germany (DE)\n- I am not a citizen of the following countries: Germany (DE)",
            "I authorize Defistarter (abc) to get a proof from Fractal that:\n- I passed KYC level plus\nI also allow access to my data that was used to pass this level.\n- I am not a citizen of the following countries: Germany (DE)",
            "I authorize Defistarter (abc) to get a proof from Fractal that:\n- I passed KYC level plus\n- I also allow access to my data that was used to pass this level.",
            "I authorize Defistarter (abc) to get a proof from Fractal that:\n- I passed KYC level plus\nI also allow access to my data that was used to pass this level",
            "I authorize Defistarter (abc) to get a proof from Fractal that:\n- I passed KYC level plus\n\nI also allow access to my data that was used to pass this level.",
            "I authorize Defistarter (abc) to get a proof from Fractal that:\n- I passed KYC level plus\n- I am over 18",
            "- I passed KYC level plus\nI authorize Defistarter (abc) to get a proof from Fractal that:"})
    void malformedMessagesAreSchemaErrors(String text) {
        refused(text, CredentialError.INVALID_MESSAGE_SCHEMA);
    }

    @Test
    void nullIsASchemaError() {
        refused(null, CredentialError.INVALID_MESSAGE_SCHEMA);
    }

    @Test
    void theStructureIsCheckedBeforeLevelAndCountries() {
        refused(HEADER + "\n- I passed KYC level gold\n- I am not a citizen of the following countries: ", CredentialError.INVALID_MESSAGE_SCHEMA);
        refused("I authorize X (a b) to get a proof from Fractal that:\n- I passed KYC level plus\n"
                + "- I am not a citizen of the following countries: Atlantis (AQ)", CredentialError.INVALID_MESSAGE_SCHEMA);
        refused(HEADER + "\n- I passed KYC level gold\n- I am not a citizen of the following countries: Atlantis (XX)", CredentialError.INVALID_LEVEL);
        refused(HEADER + "\n- I passed KYC level uniqueness\n- I am not a citizen of the following countries: Atlantis (XX)", CredentialError.INVALID_COUNTRY);
    }

    @Test
    void builderRefusesAppNamesAndClientIdsThatWouldNotParse() {
        for (String[] bad : new String[][] {{"", "abc"}, {" App", "abc"}, {"Two\nLines", "abc"}, {"App", ""}, {"App", "a b"}, {"App", "a)"}}) {
            assertThatThrownBy(() -> CredentialMessage.builder(bad[0], bad[1], KycLevel.parse("plus")).build())
                    .isInstanceOfSatisfying(CredentialException.class,
                            e -> assertThat(e.error()).isEqualTo(CredentialError.INVALID_MESSAGE_SCHEMA));
        }
    }

    // ---- invalid_level

    @ParameterizedTest
    @ValueSource(strings = {"gold", "plus+gold", "liveness", "v1", "light", "basic+plus", "plus+liveness+liveness",
            "Plus", "uniqueness+selfie", "plus+", "+plus"})
    void unknownOrUnavailableLevelsAreInvalidLevel(String level) {
        refused(HEADER + "\n- I passed KYC level " + level, CredentialError.INVALID_LEVEL);
    }

    @Test
    void builderRefusesLevelsThatAreNoCredentialLevel() {
        assertThatThrownBy(() -> defistarter("liveness").build())
                .isInstanceOfSatisfying(CredentialException.class, e -> assertThat(e.error()).isEqualTo(CredentialError.INVALID_LEVEL));
        assertThatThrownBy(() -> defistarter("uniqueness+selfie").build())
                .isInstanceOfSatisfying(CredentialException.class, e -> assertThat(e.error()).isEqualTo(CredentialError.INVALID_LEVEL));
    }

    // ---- invalid_country

    @ParameterizedTest
    @ValueSource(strings = {"Germany (XX)", "Germania (DE)", "France (DE)", "Germany (de)", "Germany (DEU)", "Germany ()",
            "germany (DE)", "GERMANY (DE)", "united states of america (US)", "United States Of America (US)",
            "Germany (DE), Germany (DE)", "Germany (DE), Deutschland (DE)", "Kosovo (XK)"})
    void badNamesOrCodesAreInvalidCountry(String list) {
        refused(HEADER + "\n- I passed KYC level plus\n- I am not a citizen of the following countries: " + list,
                CredentialError.INVALID_COUNTRY);
        refused(HEADER + "\n- I passed KYC level plus\n- I am not a resident of the following countries: " + list,
                CredentialError.INVALID_COUNTRY);
    }

    @Test
    void builderRefusesAnEntryWhoseNameIsNotTheCodes() {
        assertThatThrownBy(() -> new ListedCountry("France", DE))
                .isInstanceOfSatisfying(CredentialException.class, e -> assertThat(e.error()).isEqualTo(CredentialError.INVALID_COUNTRY));
        assertThatThrownBy(() -> defistarter("plus").notResidentOf(List.of(DE, DE)).build())
                .isInstanceOfSatisfying(CredentialException.class, e -> assertThat(e.error()).isEqualTo(CredentialError.INVALID_COUNTRY));
    }

    // ---- invalid_configuration

    @ParameterizedTest
    @ValueSource(strings = {
            "uniqueness\n- I am not a citizen of the following countries: Germany (DE)",
            "uniqueness\n- I am not a resident of the following countries: Germany (DE)",
            "uniqueness+liveness\n- I am not a citizen of the following countries: Germany (DE)\n- I am not a resident of the following countries: Germany (DE)",
            "basic\n- I am not a resident of the following countries: Germany (DE)",
            "basic+liveness\n- I am not a citizen of the following countries: Germany (DE)\n- I am not a resident of the following countries: Germany (DE)"})
    void restrictionsTheLevelDoesNotAllowAreInvalidConfiguration(String rest) {
        refused(HEADER + "\n- I passed KYC level " + rest, CredentialError.INVALID_CONFIGURATION);
    }

    @Test
    void allowedRestrictionsPass() {
        assertThat(CredentialMessage.parse(HEADER + "\n- I passed KYB level basic\n- I am not a citizen of the following countries: Germany (DE)")
                .baseLevel()).isEqualTo(CredentialLevel.BASIC);
        assertThat(CredentialMessage.parse(HEADER + "\n- I passed KYC level uniqueness+liveness").baseLevel())
                .isEqualTo(CredentialLevel.UNIQUENESS);
    }

    @Test
    void builderRefusesRestrictionsTheLevelDoesNotAllow() {
        assertThatThrownBy(() -> defistarter("uniqueness").notCitizenOf(List.of(DE)).build())
                .isInstanceOfSatisfying(CredentialException.class,
                        e -> assertThat(e.error()).isEqualTo(CredentialError.INVALID_CONFIGURATION));
        assertThatThrownBy(() -> defistarter("basic").notResidentOf(List.of(DE)).build())
                .isInstanceOfSatisfying(CredentialException.class,
                        e -> assertThat(e.error()).isEqualTo(CredentialError.INVALID_CONFIGURATION));
        assertThat(defistarter("basic").notCitizenOf(List.of()).notResidentOf(List.of()).build().text())
                .as("an empty list leaves the line out").isEqualTo(HEADER + "\n- I passed KYC level basic");
    }

    @Test
    void errorCodesAreFractals() {
        assertThat(CredentialError.INVALID_MESSAGE_SCHEMA.code()).isEqualTo("invalid_message_schema");
        assertThat(CredentialError.INVALID_CONFIGURATION.code()).isEqualTo("invalid_configuration");
        assertThat(CredentialError.USER_PENDING.httpStatus()).isEqualTo(404);
        assertThat(CredentialError.fromCode("invalid_country")).contains(CredentialError.INVALID_COUNTRY);
        assertThat(CredentialError.fromCode("INVALID_COUNTRY")).isEmpty();
        assertThat(CredentialError.fromCode("user_not_found")).contains(CredentialError.USER_NOT_FOUND);
    }
}
