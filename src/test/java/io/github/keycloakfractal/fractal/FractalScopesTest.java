package io.github.keycloakfractal.fractal;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The scopes asked follow the user-info shape unless an admin wrote their own (fractal-api.md 2.3 and 3). */
class FractalScopesTest {
    private static final String RELEASE_0_1_DEFAULT = "uid:read email:read person.full_name:read "
            + "person.residential_address_country:read person.accredited_investor:read verification.v1:read";

    @Test
    void v2AsksContactAndTheDetailsOfAVerificationBecauseV2CarriesNameAndCountryOnlyThere() {
        assertThat(FractalScopes.defaultFor(UserInfoShape.V2).split(" ")).contains("uid:read", "contact:read",
                "verification.basic:read", "verification.basic.details:read").noneMatch(scope -> scope.startsWith("person."));
    }

    @Test
    void v1AsksThePersonAndTheInstitutionFieldsFractalGrantsOnlyForTheUsersOwnType() {
        assertThat(FractalScopes.defaultFor(UserInfoShape.V1).split(" ")).contains("uid:read", "person.full_name:read",
                "institution.company_name:read", "person.residential_address_country:read",
                "institution.residential_address_country:read", "verification.v1:read");
    }

    @Test
    void noScopesOrAnUntouchedDefaultMeanTheShapesDefault() {
        assertThat(FractalScopes.effective(UserInfoShape.V2, null)).isEqualTo(FractalScopes.V2);
        assertThat(FractalScopes.effective(UserInfoShape.V2, "  ")).isEqualTo(FractalScopes.V2);
        assertThat(FractalScopes.effective(UserInfoShape.V2, FractalScopes.V1)).isEqualTo(FractalScopes.V2);
        assertThat(FractalScopes.effective(UserInfoShape.V1, FractalScopes.V2)).isEqualTo(FractalScopes.V1);
        assertThat(FractalScopes.effective(UserInfoShape.V2, RELEASE_0_1_DEFAULT)).as("what 0.1.0 saved in every new provider")
                .isEqualTo(FractalScopes.V2);
        assertThat(FractalScopes.effective(UserInfoShape.V2, "verification.liveness:read  " + FractalScopes.V2.replace("verification.liveness:read", "")))
                .as("the same scopes in another order and spacing are still the default").isEqualTo(FractalScopes.V2);
    }

    @Test
    void scopesAnAdminWroteAreKeptWhateverTheShape() {
        String own = "uid:read contact:read verification.plus:read verification.plus.details:read";

        assertThat(FractalScopes.effective(UserInfoShape.V2, " " + own + " ")).isEqualTo(own);
        assertThat(FractalScopes.effective(UserInfoShape.V1, own)).isEqualTo(own);
    }
}
