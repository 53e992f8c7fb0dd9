package io.github.keycloakfractal.fractal.profile;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Shapes from fractal-api.md section 3 (v2 today, the 2019 v1 person/institution shapes). */
class FractalProfileTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonNode json(String text) throws Exception {
        return JSON.readTree(text.replace('\'', '"'));
    }

    @Test
    void v1PersonCarriesNameCountryAndAccreditation() throws Exception {
        FractalProfile profile = FractalProfile.parse(json("""
                {'uid':'b76ab44d-1','emails':[{'address':'ann@example.com'}],
                 'person':{'full_name':'Ann Marie Smith','residential_address_country':'us','accredited_investor':true},
                 'institution':null,'verifications':[{'level':'basic+liveness'}]}"""));

        assertThat(profile.uid()).isEqualTo("b76ab44d-1");
        assertThat(profile.email()).contains("ann@example.com");
        assertThat(profile.emailVerified()).as("v1 does not say an address is verified").isFalse();
        assertThat(profile.accountType()).isEqualTo(AccountType.PERSON);
        assertThat(profile.firstName(CompanyNames.DEFAULT)).contains("Ann Marie");
        assertThat(profile.lastName(CompanyNames.DEFAULT)).contains("Smith");
        assertThat(profile.country()).contains(new CountryCode("US"));
        assertThat(profile.accreditedInvestor()).contains(true);
    }

    @Test
    void v1InstitutionIsReadFromItsInstitutionObject() throws Exception {
        FractalProfile profile = FractalProfile.parse(json("""
                {'uid':'u-2','person':null,
                 'institution':{'company_name':'Acme Holdings Ltd','residential_address_country':'DE','accredited_investor':false}}"""));

        assertThat(profile.accountType()).isEqualTo(AccountType.INSTITUTION);
        assertThat(profile.companyName()).contains("Acme Holdings Ltd");
        assertThat(profile.fullName()).isEmpty();
        assertThat(profile.country()).contains(new CountryCode("DE"));
        assertThat(profile.accreditedInvestor()).contains(false);
        assertThat(profile.email()).isEmpty();
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', value = {
            "split | Acme Holdings Ltd | Acme Holdings | Ltd",
            "split | Fractal           | Fractal       | Fractal",
            "both  | Acme Holdings Ltd | Acme Holdings Ltd | Acme Holdings Ltd",
            "first | Acme Holdings Ltd | Acme Holdings Ltd | ''"})
    void aCompanysNameFillsFirstAndLastNameAsTheRuleSays(String rule, String company, String first, String last) throws Exception {
        FractalProfile profile = FractalProfile.parse(json("{'uid':'u-2','person':null,'institution':{'company_name':'" + company + "'}}"));
        CompanyNames names = CompanyNames.fromConfig(rule);

        assertThat(profile.firstName(names)).contains(first);
        assertThat(profile.lastName(names)).isEqualTo(last.isEmpty() ? Optional.empty() : Optional.of(last));
    }

    @Test
    void aV2InstitutionIsRecognisedByTheCompanyNameInItsCaseDetails() throws Exception {
        FractalProfile profile = FractalProfile.parse(json("""
                {'uid':'u-3','emails':[{'address':'ops@acme.example','source_type':'registration'}],
                 'verification_cases':[{'level':'plus','status':'done','credential':'approved',
                   'details':{'company_name':'Acme Holdings Ltd','residential_address_country':'DE'}}]}"""));

        assertThat(profile.accountType()).isEqualTo(AccountType.INSTITUTION);
        assertThat(profile.firstName(CompanyNames.DEFAULT)).contains("Acme Holdings");
        assertThat(profile.lastName(CompanyNames.DEFAULT)).contains("Ltd");
        assertThat(profile.country()).contains(new CountryCode("DE"));
    }

    @Test
    void anUnknownCompanyNameRuleIsRefusedNamingTheChoices() {
        assertThat(CompanyNames.fromConfig(" ")).isEqualTo(CompanyNames.SPLIT);
        assertThat(CompanyNames.fromConfig("BOTH")).isEqualTo(CompanyNames.BOTH);
        assertThatThrownBy(() -> CompanyNames.fromConfig("representative")).hasMessageContaining("split, both, first");
    }

    @Test
    void v2ReadsTheRegistrationEmailAsVerifiedAndNamesFromCaseDetails() throws Exception {
        FractalProfile profile = FractalProfile.parse(json("""
                {'uid':'b76ab44d','emails':[{'address':'old@b.c','source_type':'obsolete'},
                                            {'address':'a@b.c','source_type':'registration'}],'phones':[],
                 'verification_cases':[{'id':'c1','level':'basic+liveness','journey_completed':true,'status':'done',
                   'credential':'approved','details':{'full_name':'Rafael Doe','date_of_birth':'1967-08-16',
                   'residential_address_country':'PT'}}]}"""));

        assertThat(profile.email()).contains("a@b.c");
        assertThat(profile.emailVerified()).isTrue();
        assertThat(profile.firstName(CompanyNames.DEFAULT)).contains("Rafael");
        assertThat(profile.lastName(CompanyNames.DEFAULT)).contains("Doe");
        assertThat(profile.country()).contains(new CountryCode("PT"));
        assertThat(profile.accreditedInvestor()).isEmpty();
    }

    @Test
    void v2JourneyEmailIsKeptButNotVerified() throws Exception {
        FractalProfile profile = FractalProfile.parse(json("""
                {'uid':'x','emails':[{'address':'j@b.c','source_type':'journey'}],'verification_cases':[]}"""));

        assertThat(profile.email()).contains("j@b.c");
        assertThat(profile.emailVerified()).isFalse();
    }

    @Test
    void v2WithoutDetailsFallsBackToTheDocumentCountryAndHasNoName() throws Exception {
        FractalProfile profile = FractalProfile.parse(json("""
                {'uid':'x','verification_cases':[{'level':'plus','status':'approved','details':null},
                 {'level':'selfie','status':'done','credential':'approved','details':{'identification_document_country':'fr'}}]}"""));

        assertThat(profile.fullName()).isEmpty();
        assertThat(profile.firstName(CompanyNames.DEFAULT)).isEmpty();
        assertThat(profile.country()).contains(new CountryCode("FR"));
    }

    @Test
    void aCountryThatIsNotOnTheIsoListIsDroppedNotGuessed() throws Exception {
        FractalProfile profile = FractalProfile.parse(json("{'uid':'x','person':{'residential_address_country':'XX'}}"));

        assertThat(profile.country()).isEmpty();
        assertThat(CountryCode.parse("USA")).isEqualTo(Optional.empty());
        assertThatThrownBy(() -> new CountryCode("ZZ")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void userInfoWithoutUidIsRefused() throws Exception {
        assertThatThrownBy(() -> FractalProfile.parse(json("{'emails':[]}")))
                .isInstanceOf(FractalResponseException.class).hasMessageContaining("uid");
        assertThatThrownBy(() -> FractalProfile.parse(json("[]"))).isInstanceOf(FractalResponseException.class);
    }
}
