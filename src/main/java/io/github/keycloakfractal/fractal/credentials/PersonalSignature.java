package io.github.keycloakfractal.fractal.credentials;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * A 65-byte {@code personal_sign} (EIP-191) signature, {@code r || s || v}, as wallets return it and as Fractal signs its
 * proofs. Only the exact wire form is accepted: {@code 0x} + 130 hex digits, {@code v} as 27/28 or the 0/1 some
 * wallets and hardware signers send (held as 27/28). {@code r} and {@code s} must be in range and {@code s} in the lower
 * half of the curve order, as OpenZeppelin's {@code ECDSA.recover} (used by Fractal's verifier contract) demands; all
 * mainstream wallets sign that way, and it leaves a single valid encoding per signature. Anything else is
 * {@code invalid_signature}.
 */
public record PersonalSignature(BigInteger r, BigInteger s, int v) {
    private static final byte[] EIP191_PREFIX = "\u0019Ethereum Signed Message:\n".getBytes(StandardCharsets.US_ASCII);
    private static final Pattern SHAPE = Pattern.compile("0x[0-9a-fA-F]{130}");

    public PersonalSignature {
        if (r == null || s == null) {
            throw invalid("r and s are required");
        }
        if (v == 0 || v == 1) {
            v += 27;
        }
        if (v != 27 && v != 28) {
            throw invalid("v must be 27 or 28 (or 0 or 1), was " + v);
        }
        if (r.signum() <= 0 || r.compareTo(Secp256k1.ORDER) >= 0) {
            throw invalid("r is out of range");
        }
        if (s.signum() <= 0 || s.compareTo(Secp256k1.HALF_ORDER) > 0) {
            throw invalid("s is zero or not in the lower half of the curve order");
        }
    }

    /** The signature from its wire form, or {@code invalid_signature}. */
    public static PersonalSignature parse(String hex) {
        if (hex == null || !SHAPE.matcher(hex).matches()) {
            throw invalid("expected 0x and 130 hex digits (65 bytes)");
        }
        byte[] bytes = HexFormat.of().parseHex(hex, 2, hex.length());
        return new PersonalSignature(new BigInteger(1, Arrays.copyOfRange(bytes, 0, 32)),
                new BigInteger(1, Arrays.copyOfRange(bytes, 32, 64)), bytes[64] & 0xff);
    }

    /**
     * The EIP-191 digest a {@code personal_sign} signature of {@code message} covers:
     * {@code keccak256("\x19Ethereum Signed Message:\n" + byteLength + message)} over the UTF-8 bytes, not pre-hashed.
     */
    public static byte[] digest(String message) {
        byte[] text = message.getBytes(StandardCharsets.UTF_8);
        byte[] length = Integer.toString(text.length).getBytes(StandardCharsets.US_ASCII);
        byte[] prefixed = new byte[EIP191_PREFIX.length + length.length + text.length];
        System.arraycopy(EIP191_PREFIX, 0, prefixed, 0, EIP191_PREFIX.length);
        System.arraycopy(length, 0, prefixed, EIP191_PREFIX.length, length.length);
        System.arraycopy(text, 0, prefixed, EIP191_PREFIX.length + length.length, text.length);
        return Keccak256.hash(prefixed);
    }

    /**
     * The wallet that signed {@code message}. A valid signature over another message recovers some other wallet, so the
     * caller must compare the result with the wallet it expects; a signature no key could have made is
     * {@code invalid_signature}.
     */
    public WalletAddress recover(String message) {
        return Secp256k1.recoverPublicKey(r, s, v == 28, digest(message))
                .map(WalletAddress::ofPublicKey)
                .orElseThrow(() -> invalid("no public key recovers from this signature"));
    }

    /** The wire form with {@code v} as 27/28, lower-case hex. */
    @Override
    public String toString() {
        HexFormat hex = HexFormat.of();
        return "0x" + hex.formatHex(fixed32(r)) + hex.formatHex(fixed32(s)) + hex.toHexDigits((byte) v);
    }

    private static byte[] fixed32(BigInteger value) {
        byte[] raw = value.toByteArray();
        byte[] out = new byte[32];
        int length = Math.min(raw.length, 32);
        System.arraycopy(raw, raw.length - length, out, 32 - length, length);
        return out;
    }

    private static CredentialException invalid(String detail) {
        return new CredentialException(CredentialError.INVALID_SIGNATURE, detail);
    }
}
