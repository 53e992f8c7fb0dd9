package io.github.keycloakfractal.fractal.credentials;

import io.github.keycloakfractal.fractal.kyc.KycLevel;
import io.github.keycloakfractal.fractal.profile.CountryCode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CredentialTest {
    @Test
    void fullFormParses() {
        Credential credential = Credential.parse("level:plus+liveness;citizenship_not:de;residency_not:ca,de,us");

        assertThat(credential.level().components()).containsExactly("plus", "liveness");
        assertThat(credential.baseLevel()).isEqualTo(CredentialLevel.PLUS);
        assertThat(credential.addOns()).containsExactly("liveness");
        assertThat(credential.citizenshipNot()).extracting(CountryCode::value).containsExactly("DE");
        assertThat(credential.residencyNot()).extracting(CountryCode::value).containsExactly("CA", "DE", "US");
        assertThat(credential.text()).isEqualTo("level:plus+liveness;citizenship_not:de;residency_not:ca,de,us");
    }

    @Test
    void emptySegmentsMeanUnrestricted() {
        Credential credential = Credential.parse("level:uniqueness;citizenship_not:;residency_not:");

        assertThat(credential.baseLevel()).isEqualTo(CredentialLevel.UNIQUENESS);
        assertThat(credential.addOns()).isEmpty();
        assertThat(credential.citizenshipNot()).isEmpty();
        assertThat(credential.residencyNot()).isEmpty();
    }

    @Test
    void shortFormsOfQ8AreRead() {
        assertThat(Credential.parse("level:plus;residency_not:ca,us").residencyNot()).extracting(CountryCode::value)
                .containsExactly("CA", "US");
        assertThat(Credential.parse("level:plus;residency_not:ca,us").citizenshipNot()).isEmpty();
        assertThat(Credential.parse("level:basic;citizenship_not:cu").citizenshipNot()).extracting(CountryCode::value)
                .containsExactly("CU");
        assertThat(Credential.parse("level:basic").citizenshipNot()).isEmpty();
        assertThat(Credential.parse("level:basic").text()).isEqualTo("level:basic");
    }

    @Test
    void codesKeepTheirOrderAndTheTextStaysVerbatim() {
        Credential credential = Credential.parse("level:plus;citizenship_not:us,cu,ir,kp,sd,sy;residency_not:");
        assertThat(credential.citizenshipNot()).extracting(CountryCode::value).containsExactly("US", "CU", "IR", "KP", "SD", "SY");
        assertThat(Credential.parse("level:plus;citizenship_not:DE;residency_not:").text())
                .isEqualTo("level:plus;citizenship_not:DE;residency_not:");
    }

    @Test
    void ofWritesTheFullLowerCaseForm() {
        Credential credential = Credential.of(KycLevel.parse("plus+liveness"), List.of(new CountryCode("DE")),
                List.of(new CountryCode("CA"), new CountryCode("DE"), new CountryCode("US")));
        assertThat(credential.text()).isEqualTo("level:plus+liveness;citizenship_not:de;residency_not:ca,de,us");
        assertThat(Credential.of(KycLevel.parse("uniqueness"), List.of(), List.of()).text())
                .isEqualTo("level:uniqueness;citizenship_not:;residency_not:");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "plus", "level:", "level:gold;citizenship_not:;residency_not:", "level:liveness",
            "level: plus", "level:plus;citizenship_not:de;residency_not:ca;extra:1", "level:plus;residency_not:ca;citizenship_not:de",
            "level:plus;citizenship_not:de;citizenship_not:ca", "level:plus;citizenship_not:de,,ca", "level:plus;citizenship_not:de,",
            "level:plus;citizenship_not:xx", "level:plus;citizenship_not:deu", "level:plus;citizenship_not:de, ca",
            "level:plus;citizenship_not:de,de", "level:plus;", "level:plus;citizenship_not:;residency_not:;",
            "citizenship_not:de;level:plus"})
    void anythingElseIsMalformed(String text) {
        assertThatThrownBy(() -> Credential.parse(text))
                .isInstanceOfSatisfying(ProofException.class, e -> assertThat(e.failure()).isEqualTo(ProofFailure.MALFORMED));
    }
}
