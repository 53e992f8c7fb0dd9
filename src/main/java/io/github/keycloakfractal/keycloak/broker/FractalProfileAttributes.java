package io.github.keycloakfractal.keycloak.broker;

import io.github.keycloakfractal.fractal.profile.FractalProfile;
import org.keycloak.models.UserModel;

/**
 * Writes the profile facts Fractal vouches for onto the user as {@code fractal_*} attributes. A fact missing from
 * the user info (a scope not granted, a detail not shared) leaves the stored value alone instead of clearing it.
 */
final class FractalProfileAttributes {
    static final String UID = "fractal_uid";
    static final String FULL_NAME = "fractal_full_name";
    static final String COMPANY_NAME = "fractal_company_name";
    static final String COUNTRY = "fractal_country";
    static final String ACCREDITED_INVESTOR = "fractal_accredited_investor";
    static final String ACCOUNT_TYPE = "fractal_account_type";

    private final FractalProfile profile;

    FractalProfileAttributes(FractalProfile profile) {
        this.profile = profile;
    }

    void writeTo(UserModel user) {
        user.setSingleAttribute(UID, profile.uid());
        user.setSingleAttribute(ACCOUNT_TYPE, profile.accountType().attributeValue());
        profile.fullName().ifPresent(name -> user.setSingleAttribute(FULL_NAME, name));
        profile.companyName().ifPresent(name -> user.setSingleAttribute(COMPANY_NAME, name));
        profile.country().ifPresent(country -> user.setSingleAttribute(COUNTRY, country.value()));
        profile.accreditedInvestor().ifPresent(accredited -> user.setSingleAttribute(ACCREDITED_INVESTOR, accredited.toString()));
    }
}
