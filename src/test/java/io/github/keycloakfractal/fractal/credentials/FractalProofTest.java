package io.github.keycloakfractal.fractal.credentials;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.Sign;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Optional;

import static io.github.keycloakfractal.fractal.credentials.AppendixA.APPROVED_AT;
import static io.github.keycloakfractal.fractal.credentials.AppendixA.FRACTAL_ID;
import static io.github.keycloakfractal.fractal.credentials.AppendixA.S1;
import static io.github.keycloakfractal.fractal.credentials.AppendixA.S1_CREDENTIAL;
import static io.github.keycloakfractal.fractal.credentials.AppendixA.S1_DIGEST;
import static io.github.keycloakfractal.fractal.credentials.AppendixA.S1_PROOF;
import static io.github.keycloakfractal.fractal.credentials.AppendixA.S2_CREDENTIAL;
import static io.github.keycloakfractal.fractal.credentials.AppendixA.S2_PROOF;
import static io.github.keycloakfractal.fractal.credentials.AppendixA.SIGNER;
import static io.github.keycloakfractal.fractal.credentials.AppendixA.SIGNER_KEY;
import static io.github.keycloakfractal.fractal.credentials.AppendixA.SUBJECT;
import static io.github.keycloakfractal.fractal.credentials.AppendixA.VALID_UNTIL;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Appendix A proofs S1 and S2 of fractal-api.md, and what must not pass. */
class FractalProofTest {
    private static final WalletAddress TEST_SIGNER = WalletAddress.parse(SIGNER);
    private static final Instant BEFORE_EXPIRY = Instant.ofEpochSecond(VALID_UNTIL - 1);

    /** Fractal's 200 response, shaped as fractal-api.md section 8 documents it (address in EIP-55). */
    private static String response(String address, String fractalId, String approvedAt, String validUntil, String proof,
                                   String credential) {
        return "{\"address\":\"" + address + "\",\"approvedAt\":" + approvedAt + ",\"fractalId\":\"" + fractalId
                + "\",\"validUntil\":" + validUntil + ",\"proof\":\"" + proof + "\",\"credential\":\"" + credential + "\"}";
    }

    private static String s1(String field, String value) {
        return response(field.equals("address") ? value : SUBJECT, field.equals("fractalId") ? value : FRACTAL_ID,
                field.equals("approvedAt") ? value : String.valueOf(APPROVED_AT),
                field.equals("validUntil") ? value : String.valueOf(VALID_UNTIL),
                field.equals("proof") ? value : S1_PROOF, field.equals("credential") ? value : S1_CREDENTIAL);
    }

    private static void fails(Runnable check, ProofFailure expected) {
        assertThatThrownBy(check::run)
                .isInstanceOfSatisfying(ProofException.class, e -> assertThat(e.failure()).isEqualTo(expected));
    }

    @Test
    void s1SignedStringAndDigestAreTheAppendixValues() {
        FractalProof proof = FractalProof.fromJson(s1("", ""));

        assertThat(proof.signedString()).isEqualTo(S1);
        assertThat("0x" + HexFormat.of().formatHex(proof.digest())).isEqualTo(S1_DIGEST);
        assertThat(proof.address()).isEqualTo(WalletAddress.parse(SUBJECT));
        assertThat(proof.approvedAt()).isEqualTo(Instant.parse("2022-06-08T13:10:29Z"));
        assertThat(proof.credential().residencyNot()).hasSize(3);
    }

    @Test
    void s1AndS2VerifyAgainstTheTestSigner() {
        FractalProof s1 = FractalProof.fromJson(s1("", ""));
        FractalProof s2 = FractalProof.fromJson(s1("credential", S2_CREDENTIAL).replace(S1_PROOF, S2_PROOF));

        assertThatCode(() -> s1.verify(TEST_SIGNER, BEFORE_EXPIRY, Optional.empty())).doesNotThrowAnyException();
        assertThatCode(() -> s2.verify(TEST_SIGNER, BEFORE_EXPIRY, Optional.empty())).doesNotThrowAnyException();
        assertThatCode(() -> s1.verifyFor(WalletAddress.parse(SUBJECT), FractalSigner.custom(TEST_SIGNER), BEFORE_EXPIRY,
                Optional.of(Duration.ofDays(182)))).doesNotThrowAnyException();
        assertThat(s2.signedString()).endsWith(";1656080869;level:uniqueness;citizenship_not:;residency_not:");
    }

    @Test
    void web3jSigningTheSignedStringReproducesTheAppendixProofs() {
        // RFC 6979 is deterministic, so the test key must give ethers' exact bytes: a check of the string, not of web3j
        for (String[] vector : new String[][] {{S1_CREDENTIAL, S1_PROOF}, {S2_CREDENTIAL, S2_PROOF}}) {
            String signed = S1.substring(0, S1.length() - S1_CREDENTIAL.length()) + vector[0];
            Sign.SignatureData data = Sign.signPrefixedMessage(signed.getBytes(StandardCharsets.UTF_8),
                    Credentials.create(SIGNER_KEY).getEcKeyPair());
            HexFormat hex = HexFormat.of();
            assertThat("0x" + hex.formatHex(data.getR()) + hex.formatHex(data.getS()) + hex.formatHex(data.getV()))
                    .isEqualTo(vector[1]);
        }
    }

    @ParameterizedTest
    @CsvSource({
            "address, 0x70997970c51812dc3a010c7d01b50e0d17dc79c9",
            "address, 0x80997970c51812dc3a010c7d01b50e0d17dc79c8",
            "fractalId, 0x02f1da55bc94926ef44faa6153cc9ad4f1e0f5ec3844b7c12ef96dea88657fde",
            "fractalId, 0x12f1da55bc94926ef44faa6153cc9ad4f1e0f5ec3844b7c12ef96dea88657fdd",
            "approvedAt, 1654693828",
            "validUntil, 1656080870",
            "credential, level:plus+liveness;citizenship_not:dk;residency_not:ca,de,us",
            "credential, level:plus+liveness;citizenship_not:de;residency_not:ca,de",
            "credential, level:plus+selfie;citizenship_not:de;residency_not:ca,de,us",
            "proof, 0x37fa7e737dd81638a1b439f695730e6fe784f2d26a707ea9b89d80d045994cd6247a47bef4aec3506f810fabc1855f001b9f4e7882ec9fab31f63956e86f06191b",
            "proof, 0x37fa7e737dd81638a1b439f695730e6fe784f2d26a707ea9b89d80d045994cd6247a47bef4aec3506f810fabc1855f001b9f4e7882ec9fab31f63956e86f06181c",
            "proof, 0x47fa7e737dd81638a1b439f695730e6fe784f2d26a707ea9b89d80d045994cd6247a47bef4aec3506f810fabc1855f001b9f4e7882ec9fab31f63956e86f06191c"})
    void aOneCharacterChangeToAnyFieldFails(String field, String value) {
        Instant now = Instant.ofEpochSecond(VALID_UNTIL - 10);
        FractalProof changed = FractalProof.fromJson(s1(field, value));
        assertThatThrownBy(() -> changed.verify(TEST_SIGNER, now, Optional.empty()))
                .isInstanceOfSatisfying(ProofException.class, e -> assertThat(e.failure()).isEqualTo(ProofFailure.WRONG_SIGNER));
    }

    @ParameterizedTest
    @ValueSource(strings = {
            // s moved into the upper half, v out of range, r not on the curve would all be refused while reading
            "0x37fa7e737dd81638a1b439f695730e6fe784f2d26a707ea9b89d80d045994cd6f47a47bef4aec3506f810fabc1855f001b9f4e7882ec9fab31f63956e86f06191c",
            "0x37fa7e737dd81638a1b439f695730e6fe784f2d26a707ea9b89d80d045994cd6247a47bef4aec3506f810fabc1855f001b9f4e7882ec9fab31f63956e86f06191d",
            "0x37fa7e737dd81638a1b439f695730e6fe784f2d26a707ea9b89d80d045994cd6247a47bef4aec3506f810fabc1855f001b9f4e7882ec9fab31f63956e86f06191"})
    void aChangedProofThatIsNoSignatureIsMalformed(String proof) {
        fails(() -> FractalProof.fromJson(s1("proof", proof)), ProofFailure.MALFORMED);
    }

    @Test
    void anotherSignerIsRefused() {
        FractalProof s1 = FractalProof.fromJson(s1("", ""));
        fails(() -> s1.verify(FractalSigner.PRODUCTION.address(), BEFORE_EXPIRY, Optional.empty()), ProofFailure.WRONG_SIGNER);
        fails(() -> s1.verify(FractalSigner.STAGING.address(), BEFORE_EXPIRY, Optional.empty()), ProofFailure.WRONG_SIGNER);
        fails(() -> s1.verify(WalletAddress.parse(SUBJECT), BEFORE_EXPIRY, Optional.empty()), ProofFailure.WRONG_SIGNER);
    }

    @Test
    void aProofAboutAnotherWalletIsRefused() {
        FractalProof s1 = FractalProof.fromJson(s1("", ""));
        fails(() -> s1.verifyFor(TEST_SIGNER, FractalSigner.custom(TEST_SIGNER), BEFORE_EXPIRY, Optional.empty()),
                ProofFailure.WRONG_SUBJECT);
    }

    @Test
    void expiresAtValidUntil() {
        FractalProof s1 = FractalProof.fromJson(s1("", ""));
        assertThatCode(() -> s1.verify(TEST_SIGNER, Instant.ofEpochSecond(VALID_UNTIL).minusMillis(1), Optional.empty()))
                .doesNotThrowAnyException();
        fails(() -> s1.verify(TEST_SIGNER, Instant.ofEpochSecond(1656080869L), Optional.empty()), ProofFailure.EXPIRED);
        fails(() -> s1.verify(TEST_SIGNER, Instant.parse("2026-01-01T00:00:00Z"), Optional.empty()), ProofFailure.EXPIRED);
    }

    @Test
    void tooOldAtApprovedAtPlusMaxAge() {
        FractalProof s1 = FractalProof.fromJson(s1("", ""));
        // approvedAt 1654693829 + 86400 = 1654780229
        Optional<Duration> oneDay = Optional.of(Duration.ofSeconds(86400));
        assertThatCode(() -> s1.verify(TEST_SIGNER, Instant.ofEpochSecond(1654780228L), oneDay)).doesNotThrowAnyException();
        fails(() -> s1.verify(TEST_SIGNER, Instant.ofEpochSecond(1654780229L), oneDay), ProofFailure.TOO_OLD);
        assertThatCode(() -> s1.verify(TEST_SIGNER, BEFORE_EXPIRY, Optional.of(Duration.ZERO)))
                .as("a zero maximum age disables the check, as in the contract").doesNotThrowAnyException();
        assertThatThrownBy(() -> s1.verify(TEST_SIGNER, BEFORE_EXPIRY, Optional.of(Duration.ofSeconds(-1))))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void signerIsCheckedBeforeTime() {
        FractalProof s1 = FractalProof.fromJson(s1("", ""));
        fails(() -> s1.verify(FractalSigner.PRODUCTION.address(), Instant.parse("2030-01-01T00:00:00Z"), Optional.of(Duration.ofDays(1))),
                ProofFailure.WRONG_SIGNER);
        fails(() -> s1.verify(TEST_SIGNER, Instant.parse("2030-01-01T00:00:00Z"), Optional.of(Duration.ofDays(1))),
                ProofFailure.EXPIRED);
    }

    @Test
    void theAddressIsSignedInLowerCaseWhateverTheResponseUsed() {
        FractalProof checksummed = FractalProof.fromJson(s1("", ""));
        FractalProof lower = FractalProof.fromJson(s1("address", "0x70997970c51812dc3a010c7d01b50e0d17dc79c8"));
        assertThat(lower.signedString()).isEqualTo(checksummed.signedString());
        assertThatCode(() -> lower.verify(TEST_SIGNER, BEFORE_EXPIRY, Optional.empty())).doesNotThrowAnyException();
    }

    @Test
    void readsFromAJsonTree() throws Exception {
        var tree = new com.fasterxml.jackson.databind.ObjectMapper().readTree(s1("", ""));
        assertThat(FractalProof.fromJson(tree)).isEqualTo(FractalProof.fromJson(s1("", "")));
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "", "not json", "[]", "{\"error\":\"user_not_found\",\"address\":\"0x70997970C51812dc3A010C7d01b50e0d17dc79C8\"}",
            // the 2022-23 shape without credential
            "{\"address\":\"0x70997970C51812dc3A010C7d01b50e0d17dc79C8\",\"approvedAt\":1654693829,\"fractalId\":\"0x02f1da55bc94926ef44faa6153cc9ad4f1e0f5ec3844b7c12ef96dea88657fdd\",\"validUntil\":1656080869,\"proof\":\"0x37fa7e737dd81638a1b439f695730e6fe784f2d26a707ea9b89d80d045994cd6247a47bef4aec3506f810fabc1855f001b9f4e7882ec9fab31f63956e86f06191c\"}"})
    void responsesThatAreNoProofAreMalformed(String body) {
        fails(() -> FractalProof.fromJson(body), ProofFailure.MALFORMED);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "address|0x70997970c51812dc3a010c7d01b50e0d17dc79c",
            "address|0x70997970c51812dc3A010C7d01b50e0d17dc79C8",
            "fractalId|0x02f1da55bc94926ef44faa6153cc9ad4f1e0f5ec3844b7c12ef96dea88657fd",
            "fractalId|02f1da55bc94926ef44faa6153cc9ad4f1e0f5ec3844b7c12ef96dea88657fdd00",
            "credential|level:gold;citizenship_not:;residency_not:",
            "proof|0x1234"})
    void badFieldsAreMalformed(String field, String value) {
        fails(() -> FractalProof.fromJson(s1(field, value)), ProofFailure.MALFORMED);
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"1654693829\"", "1654693829.5", "-1", "null", "1e3"})
    void timestampsMustBeWholeUnixSecondNumbers(String approvedAt) {
        fails(() -> FractalProof.fromJson(s1("approvedAt", approvedAt)), ProofFailure.MALFORMED);
    }

    /** Fuzz regressions: numbers a long holds but an Instant does not threw DateTimeException (a 500 in Keycloak). */
    @ParameterizedTest
    @CsvSource({"approvedAt, 31556889864403200", "approvedAt, 9223372036854775807", "validUntil, 31556889864403200",
            "validUntil, 9223372036854775807", "validUntil, 99999999999999999999", "validUntil, 1e400"})
    void timestampsBeyondWhatAnInstantHoldsAreMalformed(String field, String seconds) {
        fails(() -> FractalProof.fromJson(s1(field, seconds)), ProofFailure.MALFORMED);
    }

    @Test
    void theLastSecondAnInstantHoldsIsStillRead() {
        assertThat(FractalProof.fromJson(s1("validUntil", "31556889864403199")).validUntil()).isEqualTo(Instant.MAX.minusNanos(999_999_999));
    }

    @Test
    void aSignedApprovalAtTheEndOfTimeIsCheckedAgainstTheMaximumAgeWithoutOverflow() {
        long endOfTime = Instant.MAX.getEpochSecond();
        String signed = SUBJECT.toLowerCase() + ";" + FRACTAL_ID + ";" + endOfTime + ";" + endOfTime + ";" + S2_CREDENTIAL;
        Sign.SignatureData data = Sign.signPrefixedMessage(signed.getBytes(StandardCharsets.UTF_8),
                Credentials.create(SIGNER_KEY).getEcKeyPair());
        HexFormat hex = HexFormat.of();
        String proof = "0x" + hex.formatHex(data.getR()) + hex.formatHex(data.getS()) + hex.formatHex(data.getV());
        FractalProof farFuture = FractalProof.fromJson(response(SUBJECT, FRACTAL_ID, String.valueOf(endOfTime),
                String.valueOf(endOfTime), proof, S2_CREDENTIAL));

        assertThatCode(() -> farFuture.verify(TEST_SIGNER, BEFORE_EXPIRY, Optional.of(Duration.ofDays(182))))
                .doesNotThrowAnyException();
        assertThatCode(() -> farFuture.verify(TEST_SIGNER, BEFORE_EXPIRY, Optional.of(Duration.ofSeconds(Long.MAX_VALUE))))
                .doesNotThrowAnyException();
    }
}
