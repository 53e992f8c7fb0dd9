package io.github.keycloakfractal.fractal.credentials;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Fractal's answer to a credentials request: its signature over what it vouches for about one wallet. The signed string
 * is {@code lower(address);fractalId;approvedAt;validUntil;credential} (timestamps in decimal Unix seconds), signed
 * with {@code personal_sign} over the raw string (fractal-api.md section 8). {@link #verify} repeats the checks of
 * Fractal's verifier contract, so a proof accepted here would also be accepted on chain.
 *
 * <p>{@code fractalId} and {@code credential} are used exactly as Fractal returned them, since the signature covers
 * their text; the address is signed in lower case whatever case the response used.
 */
public record FractalProof(WalletAddress address, String fractalId, Instant approvedAt, Instant validUntil,
                           PersonalSignature proof, Credential credential) {
    private static final Pattern FRACTAL_ID = Pattern.compile("0x[0-9a-fA-F]{64}");
    private static final ObjectMapper JSON = new ObjectMapper();

    public FractalProof {
        if (address == null || proof == null || credential == null) {
            throw malformed("address, proof and credential are required");
        }
        if (fractalId == null || !FRACTAL_ID.matcher(fractalId).matches()) {
            throw malformed("fractalId must be 0x and 64 hex digits: " + fractalId);
        }
        checkSeconds(approvedAt, "approvedAt");
        checkSeconds(validUntil, "validUntil");
    }

    /** Reads Fractal's 200 response body. */
    public static FractalProof fromJson(String json) {
        JsonNode tree;
        try {
            tree = JSON.readTree(json);
        } catch (JsonProcessingException | IllegalArgumentException notJson) {
            throw new ProofException(ProofFailure.MALFORMED, "the response is not JSON", notJson);
        }
        return fromJson(tree);
    }

    /**
     * Reads Fractal's 200 response: {@code address}, {@code fractalId}, {@code approvedAt}, {@code validUntil},
     * {@code proof}, {@code credential}. Responses from before 2024-03 lack {@code credential}; the signature cannot be
     * checked without it, so they are malformed.
     */
    public static FractalProof fromJson(JsonNode json) {
        if (json == null || !json.isObject()) {
            throw malformed("the response is not a JSON object");
        }
        String addressText = text(json, "address");
        String proofText = text(json, "proof");
        WalletAddress address;
        PersonalSignature proof;
        try {
            address = new WalletAddress(addressText);
            proof = PersonalSignature.parse(proofText);
        } catch (IllegalArgumentException bad) {
            throw new ProofException(ProofFailure.MALFORMED, bad.getMessage(), bad);
        }
        return new FractalProof(address, text(json, "fractalId"), seconds(json, "approvedAt"), seconds(json, "validUntil"),
                proof, Credential.parse(text(json, "credential")));
    }

    /** The exact string Fractal signed. */
    public String signedString() {
        return address.value() + ";" + fractalId + ";" + approvedAt.getEpochSecond() + ";" + validUntil.getEpochSecond()
                + ";" + credential.text();
    }

    /** The EIP-191 digest of {@link #signedString()}, the value the contract recovers the signer from. */
    public byte[] digest() {
        return PersonalSignature.digest(signedString());
    }

    /**
     * Accepts the proof only when {@code expectedSigner} signed exactly these fields, {@code now < validUntil}, and,
     * with a maximum age, {@code now < approvedAt + maxAge}. An empty or zero {@code maxAge} disables the age check,
     * as 0 does in the contract.
     *
     * @throws ProofException {@link ProofFailure#WRONG_SIGNER}, {@link ProofFailure#EXPIRED} or
     *                        {@link ProofFailure#TOO_OLD}, checked in that order
     */
    public void verify(WalletAddress expectedSigner, Instant now, Optional<Duration> maxAge) {
        Objects.requireNonNull(expectedSigner, "expectedSigner");
        Objects.requireNonNull(now, "now");
        Objects.requireNonNull(maxAge, "maxAge");
        maxAge.filter(Duration::isNegative).ifPresent(negative -> {
            throw new IllegalArgumentException("negative maximum age: " + negative);
        });
        WalletAddress signer;
        try {
            signer = proof.recover(signedString());
        } catch (CredentialException invalid) {
            throw new ProofException(ProofFailure.WRONG_SIGNER, "the proof recovers to no key", invalid);
        }
        if (!signer.equals(expectedSigner)) {
            throw new ProofException(ProofFailure.WRONG_SIGNER, "signed by " + signer + ", not by " + expectedSigner);
        }
        if (!now.isBefore(validUntil)) {
            throw new ProofException(ProofFailure.EXPIRED, "valid until " + validUntil + ", now " + now);
        }
        Optional<Duration> limit = maxAge.filter(age -> !age.isZero());
        // now >= approvedAt + maxAge, compared as an age: approvedAt + maxAge may lie beyond what an Instant holds
        if (limit.isPresent() && Duration.between(approvedAt, now).compareTo(limit.get()) >= 0) {
            throw new ProofException(ProofFailure.TOO_OLD,
                    "KYC approved at " + approvedAt + ", older than the maximum age " + limit.get());
        }
    }

    /**
     * {@link #verify(WalletAddress, Instant, Optional)} against an environment's signer, after checking that the proof
     * is about {@code subject}, the wallet the user proved to control (the contract's {@code msg.sender} check).
     *
     * @throws ProofException {@link ProofFailure#WRONG_SUBJECT} first, then as {@link #verify}
     */
    public void verifyFor(WalletAddress subject, FractalSigner signer, Instant now, Optional<Duration> maxAge) {
        if (!address.equals(Objects.requireNonNull(subject, "subject"))) {
            throw new ProofException(ProofFailure.WRONG_SUBJECT, "the proof is about " + address + ", not " + subject);
        }
        verify(signer.address(), now, maxAge);
    }

    private static String text(JsonNode json, String field) {
        JsonNode value = json.get(field);
        if (value == null || !value.isTextual()) {
            throw malformed("'" + field + "' must be a string");
        }
        return value.textValue();
    }

    /**
     * Whole non-negative Unix seconds that {@link Instant} can hold (up to the year 1,000,000,000): a larger number, even
     * one a {@code long} holds, would throw {@code DateTimeException} instead of being refused.
     */
    private static Instant seconds(JsonNode json, String field) {
        JsonNode value = json.get(field);
        if (value == null || !value.isIntegralNumber() || !value.canConvertToLong() || value.longValue() < 0
                || value.longValue() > Instant.MAX.getEpochSecond()) {
            throw malformed("'" + field + "' must be Unix seconds");
        }
        return Instant.ofEpochSecond(value.longValue());
    }

    private static void checkSeconds(Instant instant, String field) {
        if (instant == null || instant.getNano() != 0 || instant.getEpochSecond() < 0) {
            throw malformed(field + " must be whole, non-negative Unix seconds: " + instant);
        }
    }

    private static ProofException malformed(String detail) {
        return new ProofException(ProofFailure.MALFORMED, detail);
    }
}
