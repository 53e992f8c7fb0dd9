package io.github.keycloakfractal.fractal.credentials;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.Sign;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

import static io.github.keycloakfractal.fractal.credentials.AppendixA.SUBJECT;
import static io.github.keycloakfractal.fractal.credentials.AppendixA.SUBJECT_KEY;
import static io.github.keycloakfractal.fractal.credentials.AppendixA.USER_MESSAGE;
import static io.github.keycloakfractal.fractal.credentials.AppendixA.USER_SIGNATURE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PersonalSignatureTest {
    /** secp256k1 group order n, from SEC 2. */
    private static final BigInteger N = new BigInteger("FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFEBAAEDCE6AF48A03BBFD25E8CD0364141", 16);

    private static String withV(String signature, String v) {
        return signature.substring(0, 130) + v;
    }

    @Test
    void appendixUserSignatureRecoversTheSubjectFromTheDocumentedMessage() {
        assertThat(PersonalSignature.parse(USER_SIGNATURE).recover(USER_MESSAGE)).isEqualTo(WalletAddress.parse(SUBJECT));
        assertThat(PersonalSignature.parse(USER_SIGNATURE).recover(USER_MESSAGE).value())
                .isEqualTo("0x70997970c51812dc3a010c7d01b50e0d17dc79c8");
    }

    @Test
    void aValidSignatureOverAnotherMessageRecoversSomeoneElse() {
        WalletAddress other = PersonalSignature.parse(USER_SIGNATURE).recover(USER_MESSAGE.replace("(DE)\n", "(FR)\n"));
        assertThat(other).isNotEqualTo(WalletAddress.parse(SUBJECT));
        assertThat(PersonalSignature.parse(USER_SIGNATURE).recover(USER_MESSAGE + "\n")).isNotEqualTo(WalletAddress.parse(SUBJECT));
    }

    @Test
    void aSignatureMadeHereWithHardhatKeyOneRecoversItsAddress() {
        String message = "I authorize Test App (abc) to get a proof from Fractal that:\n- I passed KYC level basic";
        Sign.SignatureData data = Sign.signPrefixedMessage(message.getBytes(StandardCharsets.UTF_8),
                Credentials.create(SUBJECT_KEY).getEcKeyPair());
        HexFormat hex = HexFormat.of();
        String wire = "0x" + hex.formatHex(data.getR()) + hex.formatHex(data.getS()) + hex.formatHex(data.getV());

        assertThat(PersonalSignature.parse(wire).recover(message)).isEqualTo(WalletAddress.parse(SUBJECT));
    }

    @Test
    void vMayBeZeroOrOneAsWellAs27Or28() {
        assertThat(USER_SIGNATURE).endsWith("1c");
        WalletAddress subject = WalletAddress.parse(SUBJECT);
        assertThat(PersonalSignature.parse(withV(USER_SIGNATURE, "01")).recover(USER_MESSAGE)).isEqualTo(subject);
        assertThat(PersonalSignature.parse(withV(USER_SIGNATURE, "01"))).isEqualTo(PersonalSignature.parse(USER_SIGNATURE));

        WalletAddress otherParity = PersonalSignature.parse(withV(USER_SIGNATURE, "1b")).recover(USER_MESSAGE);
        assertThat(otherParity).isNotEqualTo(subject);
        assertThat(PersonalSignature.parse(withV(USER_SIGNATURE, "00")).recover(USER_MESSAGE)).isEqualTo(otherParity);
    }

    @Test
    void upperCaseHexDigitsAreTheSameSignature() {
        String upper = "0x" + USER_SIGNATURE.substring(2).toUpperCase();
        assertThat(PersonalSignature.parse(upper).recover(USER_MESSAGE)).isEqualTo(WalletAddress.parse(SUBJECT));
        assertThat(PersonalSignature.parse(upper)).hasToString(USER_SIGNATURE);
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {
            "0x", "0d1bb57e", "not a signature",
            // 64 bytes (no v) and 66 bytes
            "0x0d1bb57e8ecdcaafe5ffb029198f623c0f5e4cc1961f280c830bfca8e922c8e838fc16236e1ff0812bc0bc3742fa733f3a7843441b3151b4a2e956b986019d19",
            "0x0d1bb57e8ecdcaafe5ffb029198f623c0f5e4cc1961f280c830bfca8e922c8e838fc16236e1ff0812bc0bc3742fa733f3a7843441b3151b4a2e956b986019d191c00",
            // no prefix, upper-case prefix, a non-hex digit, whitespace
            "0d1bb57e8ecdcaafe5ffb029198f623c0f5e4cc1961f280c830bfca8e922c8e838fc16236e1ff0812bc0bc3742fa733f3a7843441b3151b4a2e956b986019d191c",
            "0X0d1bb57e8ecdcaafe5ffb029198f623c0f5e4cc1961f280c830bfca8e922c8e838fc16236e1ff0812bc0bc3742fa733f3a7843441b3151b4a2e956b986019d191c",
            "0x0d1bb57e8ecdcaafe5ffb029198f623c0f5e4cc1961f280c830bfca8e922c8e838fc16236e1ff0812bc0bc3742fa733f3a7843441b3151b4a2e956b986019d191g",
            " 0x0d1bb57e8ecdcaafe5ffb029198f623c0f5e4cc1961f280c830bfca8e922c8e838fc16236e1ff0812bc0bc3742fa733f3a7843441b3151b4a2e956b986019d191c",
            // v outside 0, 1, 27, 28 (2, 29 = EIP-155-like, 37)
            "0x0d1bb57e8ecdcaafe5ffb029198f623c0f5e4cc1961f280c830bfca8e922c8e838fc16236e1ff0812bc0bc3742fa733f3a7843441b3151b4a2e956b986019d1902",
            "0x0d1bb57e8ecdcaafe5ffb029198f623c0f5e4cc1961f280c830bfca8e922c8e838fc16236e1ff0812bc0bc3742fa733f3a7843441b3151b4a2e956b986019d191d",
            "0x0d1bb57e8ecdcaafe5ffb029198f623c0f5e4cc1961f280c830bfca8e922c8e838fc16236e1ff0812bc0bc3742fa733f3a7843441b3151b4a2e956b986019d1925",
            // r = 0, s = 0
            "0x000000000000000000000000000000000000000000000000000000000000000038fc16236e1ff0812bc0bc3742fa733f3a7843441b3151b4a2e956b986019d191c",
            "0x0d1bb57e8ecdcaafe5ffb029198f623c0f5e4cc1961f280c830bfca8e922c8e800000000000000000000000000000000000000000000000000000000000000001c"})
    void anythingButAStrict65ByteSignatureIsInvalidSignature(String signature) {
        assertThatThrownBy(() -> PersonalSignature.parse(signature))
                .isInstanceOfSatisfying(CredentialException.class,
                        e -> assertThat(e.error()).isEqualTo(CredentialError.INVALID_SIGNATURE));
    }

    @Test
    void theHighSTwinOfAValidSignatureIsRefused() {
        byte[] bytes = HexFormat.of().parseHex(USER_SIGNATURE.substring(2));
        BigInteger r = new BigInteger(1, java.util.Arrays.copyOfRange(bytes, 0, 32));
        BigInteger s = new BigInteger(1, java.util.Arrays.copyOfRange(bytes, 32, 64));
        BigInteger highS = N.subtract(s);

        assertThatThrownBy(() -> new PersonalSignature(r, highS, 27))
                .isInstanceOfSatisfying(CredentialException.class,
                        e -> assertThat(e.error()).isEqualTo(CredentialError.INVALID_SIGNATURE));
        assertThatThrownBy(() -> new PersonalSignature(N, s, 27)).isInstanceOf(CredentialException.class);
    }

    @Test
    void anRThatIsNoCurvePointRecoversNothing() {
        // r = 5: x = 5 has no point on secp256k1 (5^3 + 7 = 132 is not a square mod p)
        PersonalSignature noPoint = new PersonalSignature(BigInteger.valueOf(5), BigInteger.ONE, 27);
        assertThatThrownBy(() -> noPoint.recover("anything"))
                .isInstanceOfSatisfying(CredentialException.class,
                        e -> assertThat(e.error()).isEqualTo(CredentialError.INVALID_SIGNATURE));
    }
}
