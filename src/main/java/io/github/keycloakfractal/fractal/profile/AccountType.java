package io.github.keycloakfractal.fractal.profile;

import java.util.Locale;

/** Fractal verifies people (KYC) and companies (KYB); the user info says which through {@code person}/{@code institution}. */
public enum AccountType {
    PERSON, INSTITUTION;

    public String attributeValue() {
        return name().toLowerCase(Locale.ROOT);
    }
}
