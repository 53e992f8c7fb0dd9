package io.github.keycloakfractal.fractal.credentials;

import org.junit.jupiter.api.Test;
import org.web3j.crypto.ECDSASignature;
import org.web3j.crypto.ECKeyPair;
import org.web3j.crypto.Hash;
import org.web3j.crypto.Keys;
import org.web3j.crypto.Sign;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Optional;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The extension's own secp256k1 recovery, Keccak-256 and EIP-55 code against web3j 4.12.3 (test scope only), the
 * library it replaced, on thousands of random keys, messages and signatures. web3j is the independent reference here:
 * it signs, and its answer is the expected one. Seeded, so a failure names a reproducible case.
 */
class Web3jCrossCheckTest {
    private static final long SEED = 0x5eed_13_08L;
    private static final BigInteger N = Sign.CURVE_PARAMS.getN();
    private static final HexFormat HEX = HexFormat.of();

    @Test
    void signaturesFromThreeThousandRandomKeysRecoverTheAddressWeb3jDerives() {
        Random random = new Random(SEED);
        for (int i = 0; i < 3000; i++) {
            ECKeyPair key = ECKeyPair.create(randomScalar(random));
            String message = randomText(random, random.nextInt(400));
            Sign.SignatureData data = Sign.signPrefixedMessage(message.getBytes(StandardCharsets.UTF_8), key);
            String wire = "0x" + HEX.formatHex(data.getR()) + HEX.formatHex(data.getS()) + HEX.formatHex(data.getV());

            assertThat(PersonalSignature.parse(wire).recover(message).value())
                    .as("key #%d, message %s", i, message).isEqualTo("0x" + Keys.getAddress(key));
        }
    }

    @Test
    void randomSignaturesRecoverWhatWeb3jRecoversOrNothingWhereWeb3jFindsNothing() {
        Random random = new Random(SEED + 1);
        int recovered = 0;
        int refused = 0;
        for (int i = 0; i < 3000; i++) {
            BigInteger r = randomScalar(random);
            BigInteger s = randomScalar(random).mod(N.shiftRight(1)).add(BigInteger.ONE);
            int recoveryId = random.nextInt(2);
            String message = randomText(random, random.nextInt(100));
            PersonalSignature signature = new PersonalSignature(r, s, 27 + recoveryId);

            Optional<String> expected = web3jRecover(recoveryId, r, s, message);
            if (expected.isPresent()) {
                recovered++;
                assertThat(signature.recover(message).value()).as("case #%d", i).isEqualTo(expected.get());
            } else {
                refused++;
                assertThatThrownBy(() -> signature.recover(message)).as("case #%d", i)
                        .isInstanceOfSatisfying(CredentialException.class,
                                e -> assertThat(e.error()).isEqualTo(CredentialError.INVALID_SIGNATURE));
            }
        }
        // about half of all x values lie on the curve: both paths were really taken
        assertThat(recovered).isGreaterThan(1000);
        assertThat(refused).isGreaterThan(1000);
    }

    @Test
    void keccakAndTheEip191DigestAreWeb3jsOnRandomInput() {
        Random random = new Random(SEED + 2);
        for (int i = 0; i < 3000; i++) {
            byte[] input = new byte[random.nextInt(300)];
            random.nextBytes(input);
            assertThat(Keccak256.hash(input)).as("input %s", HEX.formatHex(input)).isEqualTo(Hash.sha3(input));

            String message = randomText(random, random.nextInt(200));
            assertThat(PersonalSignature.digest(message)).as("message %s", message)
                    .isEqualTo(Sign.getEthereumMessageHash(message.getBytes(StandardCharsets.UTF_8)));
        }
    }

    @Test
    void checksumSpellingIsWeb3jsForRandomAddresses() {
        Random random = new Random(SEED + 3);
        for (int i = 0; i < 3000; i++) {
            byte[] raw = new byte[20];
            random.nextBytes(raw);
            String lower = "0x" + HEX.formatHex(raw);
            String expected = Keys.toChecksumAddress(lower);

            assertThat(WalletAddress.parse(lower).toChecksum()).isEqualTo(expected);
            assertThat(WalletAddress.parse(expected).value()).isEqualTo(lower);
        }
    }

    /** web3j's recovery, an exception (r is no x coordinate) counted as "no key", as web3j's callers must. */
    private static Optional<String> web3jRecover(int recoveryId, BigInteger r, BigInteger s, String message) {
        byte[] digest = Sign.getEthereumMessageHash(message.getBytes(StandardCharsets.UTF_8));
        try {
            BigInteger key = Sign.recoverFromSignature(recoveryId, new ECDSASignature(r, s), digest);
            return Optional.ofNullable(key).map(k -> "0x" + Keys.getAddress(k));
        } catch (IllegalArgumentException notOnCurve) {
            return Optional.empty();
        }
    }

    private static BigInteger randomScalar(Random random) {
        BigInteger value;
        do {
            value = new BigInteger(256, random);
        } while (value.signum() == 0 || value.compareTo(N) >= 0);
        return value;
    }

    /** Text with ASCII, line breaks, accented letters and characters outside the BMP (emoji, 4 UTF-8 bytes). */
    private static String randomText(Random random, int length) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < length; i++) {
            switch (random.nextInt(6)) {
                case 0 -> text.append('\n');
                case 1 -> text.append((char) ('à' + random.nextInt(20)));
                case 2 -> text.appendCodePoint(0x1F600 + random.nextInt(50));
                default -> text.append((char) (' ' + random.nextInt(95)));
            }
        }
        return text.toString();
    }
}
