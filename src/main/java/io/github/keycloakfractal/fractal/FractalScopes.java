package io.github.keycloakfractal.fractal;

/** Scopes requested when an admin has not chosen any: identity, contact, person data and the KYC verification. */
public final class FractalScopes {
    public static final String DEFAULT = "uid:read email:read person.full_name:read person.residential_address_country:read "
            + "person.accredited_investor:read verification.v1:read";

    private FractalScopes() {
    }
}
