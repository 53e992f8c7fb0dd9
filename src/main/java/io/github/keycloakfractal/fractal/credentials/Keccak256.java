package io.github.keycloakfractal.fractal.credentials;

import org.bouncycastle.crypto.digests.KeccakDigest;

/**
 * Keccak-256 as Ethereum uses it: the original Keccak submission with its {@code 0x01} padding, not the standardised
 * SHA3-256 ({@code 0x06} padding), which gives different digests. It hashes the {@code personal_sign} message, the
 * public key into an address, and the address text into its EIP-55 checksum. BouncyCastle's {@link KeccakDigest} is
 * the one Keycloak ships, so nothing is bundled for it; a digest object is stateful, hence a new one per call.
 */
final class Keccak256 {
    /** Digest length in bytes. */
    static final int LENGTH = 32;

    private Keccak256() {
    }

    static byte[] hash(byte[] input) {
        KeccakDigest digest = new KeccakDigest(256);
        digest.update(input, 0, input.length);
        byte[] out = new byte[LENGTH];
        digest.doFinal(out, 0);
        return out;
    }
}
