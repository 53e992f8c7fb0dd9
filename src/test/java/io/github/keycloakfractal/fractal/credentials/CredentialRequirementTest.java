package io.github.keycloakfractal.fractal.credentials;

import io.github.keycloakfractal.fractal.profile.CountryCode;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CredentialRequirementTest {
    private static final CountryCode DE = new CountryCode("DE");
    private static final CountryCode US = new CountryCode("US");
    private static final CountryCode CA = new CountryCode("CA");

    private static final Credential S1 = Credential.parse("level:plus+liveness;citizenship_not:de;residency_not:ca,de,us");

    @Test
    void levelsAreOrderedUniquenessBasicPlus() {
        Credential basic = Credential.parse("level:basic;citizenship_not:;residency_not:");
        assertThat(CredentialRequirement.atLeast(CredentialLevel.UNIQUENESS).isMetBy(basic)).isTrue();
        assertThat(CredentialRequirement.atLeast(CredentialLevel.BASIC).isMetBy(basic)).isTrue();
        assertThat(CredentialRequirement.atLeast(CredentialLevel.PLUS).isMetBy(basic)).isFalse();
        assertThat(CredentialRequirement.atLeast(CredentialLevel.PLUS).shortfalls(basic))
                .containsExactly("level basic is below the required plus");
        assertThat(CredentialRequirement.atLeast(CredentialLevel.BASIC).isMetBy(Credential.parse("level:uniqueness"))).isFalse();
    }

    @Test
    void theAppendixCredentialMeetsAMatchingOrWeakerRequirement() {
        assertThat(new CredentialRequirement(CredentialLevel.PLUS, Set.of("liveness"), Set.of(DE), Set.of(US, CA)).isMetBy(S1)).isTrue();
        assertThat(new CredentialRequirement(CredentialLevel.BASIC, Set.of(), Set.of(DE), Set.of()).isMetBy(S1)).isTrue();
    }

    @Test
    void everyUnmetPartIsNamed() {
        CredentialRequirement strict = new CredentialRequirement(CredentialLevel.PLUS, Set.of("liveness", "wallet-eth"),
                Set.of(DE, US), Set.of(new CountryCode("GB")));

        assertThat(strict.shortfalls(S1)).containsExactly("add-on wallet-eth is missing", "citizens of US are not excluded",
                "residents of GB are not excluded");
        assertThat(strict.isMetBy(S1)).isFalse();
    }

    @Test
    void livenessIsPartOfUniqueness() {
        CredentialRequirement requirement = new CredentialRequirement(CredentialLevel.UNIQUENESS, Set.of("liveness"), Set.of(), Set.of());
        assertThat(requirement.isMetBy(Credential.parse("level:uniqueness;citizenship_not:;residency_not:"))).isTrue();
        assertThat(requirement.shortfalls(Credential.parse("level:basic;citizenship_not:;residency_not:")))
                .containsExactly("add-on liveness is missing");
    }

    @Test
    void impossibleRequirementsAreRefusedWithFractalsCodes() {
        assertThatThrownBy(() -> new CredentialRequirement(CredentialLevel.UNIQUENESS, Set.of(), Set.of(DE), Set.of()))
                .isInstanceOfSatisfying(CredentialException.class, e -> assertThat(e.error()).isEqualTo(CredentialError.INVALID_CONFIGURATION));
        assertThatThrownBy(() -> new CredentialRequirement(CredentialLevel.BASIC, Set.of(), Set.of(), Set.of(DE)))
                .isInstanceOfSatisfying(CredentialException.class, e -> assertThat(e.error()).isEqualTo(CredentialError.INVALID_CONFIGURATION));
        assertThatThrownBy(() -> new CredentialRequirement(CredentialLevel.PLUS, Set.of("gold"), Set.of(), Set.of()))
                .isInstanceOfSatisfying(CredentialException.class, e -> assertThat(e.error()).isEqualTo(CredentialError.INVALID_LEVEL));
        assertThatThrownBy(() -> new CredentialRequirement(CredentialLevel.PLUS, Set.of("basic"), Set.of(), Set.of()))
                .isInstanceOfSatisfying(CredentialException.class, e -> assertThat(e.error()).isEqualTo(CredentialError.INVALID_LEVEL));
        assertThatThrownBy(() -> new CredentialRequirement(CredentialLevel.UNIQUENESS, Set.of("selfie"), Set.of(), Set.of()))
                .isInstanceOfSatisfying(CredentialException.class, e -> assertThat(e.error()).isEqualTo(CredentialError.INVALID_LEVEL));
    }

    @Test
    void buildsTheMessageThatAsksForIt() {
        CredentialRequirement requirement = new CredentialRequirement(CredentialLevel.PLUS, Set.of("liveness"), Set.of(DE),
                Set.of(US, DE, CA));

        assertThat(requirement.level()).hasToString("plus+liveness");
        assertThat(requirement.message("Defistarter", "dc3aa1910acbb7ff4d22c07e43a6926adc3a81305a9355a304410048c9a91afd").build().text())
                .isEqualTo(AppendixA.USER_MESSAGE);
        assertThat(requirement.residencyBlocked()).extracting(CountryCode::value).containsExactly("CA", "DE", "US");
        assertThat(CredentialLevel.parse("plus")).isEqualTo(CredentialLevel.PLUS);
        assertThat(List.of(CredentialLevel.values())).containsExactly(CredentialLevel.UNIQUENESS, CredentialLevel.BASIC, CredentialLevel.PLUS);
    }
}
