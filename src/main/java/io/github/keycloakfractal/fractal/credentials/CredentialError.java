package io.github.keycloakfractal.fractal.credentials;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * The error codes of Fractal's Credentials API (fractal-api.md section 8). The extension answers with the same codes
 * when it checks a message or signature itself, so a client sees one vocabulary whether Fractal or Keycloak refused,
 * and an answer from Fractal can be mapped back with {@link #fromCode(String)}.
 */
public enum CredentialError {
    /** Message or signature missing from the request. */
    INVALID_PARAMS(400),
    /** Not a valid 65-byte {@code personal_sign} signature. */
    INVALID_SIGNATURE(400),
    /** The message does not follow the grammar (this includes a country line with an empty list). */
    INVALID_MESSAGE_SCHEMA(400),
    /** Fractal does not know the app's client id. */
    INVALID_CLIENT_ID(400),
    /** Unknown level or add-on, or an add-on the level does not offer. */
    INVALID_LEVEL(400),
    /** A country name or code not on the ISO 3166-1 list, a name that is not the code's, or a country listed twice. */
    INVALID_COUNTRY(400),
    /** A restriction the level does not allow: none for uniqueness, citizenship only for basic. */
    INVALID_CONFIGURATION(400),
    /** No Fractal user holds the wallet that signed. */
    USER_NOT_FOUND(404),
    /** The wallet's user exists but is not approved yet. */
    USER_PENDING(404);

    private final int httpStatus;

    CredentialError(int httpStatus) {
        this.httpStatus = httpStatus;
    }

    /** The code as Fractal writes it, e.g. {@code invalid_message_schema}. */
    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The HTTP status Fractal answers this code with. */
    public int httpStatus() {
        return httpStatus;
    }

    /** The error for one of Fractal's codes; empty for a code Fractal has not documented. */
    public static Optional<CredentialError> fromCode(String code) {
        return Arrays.stream(values()).filter(error -> error.code().equals(code)).findFirst();
    }
}
