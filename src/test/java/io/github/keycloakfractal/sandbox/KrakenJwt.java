package io.github.keycloakfractal.sandbox;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.Signature;
import java.util.Base64;
import java.util.Optional;

/**
 * The integrator-signed JWTs Kraken accepts (API bearer tokens and journey link tokens): ES512, checked with the
 * P-521 public key registered at setup. JDK crypto only, so the sandbox checks the extension's signer instead of
 * sharing its code; JOSE signatures are {@code r||s}, hence the P1363 form of the JDK's ECDSA rather than DER.
 */
final class KrakenJwt {
    private KrakenJwt() {
    }

    /** The claims of a JWT with header {@code alg: ES512} and a valid signature by {@code key}; empty otherwise. */
    static Optional<JsonNode> verifiedClaims(String jwt, PublicKey key) {
        String[] parts = jwt == null ? new String[0] : jwt.split("\\.", -1);
        if (key == null || parts.length != 3) {
            return Optional.empty();
        }
        try {
            JsonNode header = Exchanges.JSON.readTree(Base64.getUrlDecoder().decode(parts[0]));
            if (header == null || !"ES512".equals(header.path("alg").asText())) {
                return Optional.empty();
            }
            Signature verifier = Signature.getInstance("SHA512withECDSAinP1363Format");
            verifier.initVerify(key);
            verifier.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
            if (!verifier.verify(Base64.getUrlDecoder().decode(parts[2]))) {
                return Optional.empty();
            }
            JsonNode claims = Exchanges.JSON.readTree(Base64.getUrlDecoder().decode(parts[1]));
            return claims != null && claims.isObject() ? Optional.of(claims) : Optional.empty();
        } catch (IOException | GeneralSecurityException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
