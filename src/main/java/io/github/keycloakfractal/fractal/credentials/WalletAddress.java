package io.github.keycloakfractal.fractal.credentials;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * An Ethereum wallet address, held as {@code 0x} + 40 lower-case hex digits: the form Fractal's proof string signs and
 * the form stored on users, so two spellings of one wallet always compare equal. All-lower and all-upper hex are
 * accepted as they are; mixed case is an EIP-55 checksum and must be a correct one, because a wrong checksum means a
 * mistyped address.
 */
public record WalletAddress(String value) {
    private static final Pattern SHAPE = Pattern.compile("0x[0-9a-fA-F]{40}");

    public WalletAddress {
        if (value == null || !SHAPE.matcher(value).matches()) {
            throw new IllegalArgumentException("not a wallet address (0x + 40 hex digits): " + value);
        }
        String digits = value.substring(2);
        boolean mixedCase = !digits.equals(digits.toLowerCase(Locale.ROOT)) && !digits.equals(digits.toUpperCase(Locale.ROOT));
        if (mixedCase && !checksum(digits.toLowerCase(Locale.ROOT)).equals(value)) {
            throw new IllegalArgumentException("wallet address with a wrong EIP-55 checksum: " + value);
        }
        value = value.toLowerCase(Locale.ROOT);
    }

    /** The address, or {@link IllegalArgumentException} when the text is not one. */
    public static WalletAddress parse(String text) {
        return new WalletAddress(text);
    }

    /**
     * The wallet of a secp256k1 public key given as the 64 bytes {@code x || y}: the last 20 bytes of its Keccak-256.
     */
    static WalletAddress ofPublicKey(byte[] publicKey) {
        if (publicKey.length != 64) {
            throw new IllegalArgumentException("a public key is 64 bytes (x || y), not " + publicKey.length);
        }
        byte[] hash = Keccak256.hash(publicKey);
        return new WalletAddress("0x" + HexFormat.of().formatHex(Arrays.copyOfRange(hash, hash.length - 20, hash.length)));
    }

    /** The EIP-55 mixed-case spelling wallets display and Fractal's responses use. */
    public String toChecksum() {
        return checksum(value.substring(2));
    }

    /**
     * EIP-55: a hex letter is upper case exactly where the matching nibble of Keccak-256 over the lower-case hex text
     * (without {@code 0x}) is 8 or more.
     */
    private static String checksum(String lowerHex) {
        byte[] hash = Keccak256.hash(lowerHex.getBytes(StandardCharsets.US_ASCII));
        StringBuilder out = new StringBuilder("0x");
        for (int i = 0; i < lowerHex.length(); i++) {
            int nibble = (hash[i / 2] >> (i % 2 == 0 ? 4 : 0)) & 0x0f;
            char digit = lowerHex.charAt(i);
            out.append(nibble >= 8 ? Character.toUpperCase(digit) : digit);
        }
        return out.toString();
    }

    @Override
    public String toString() {
        return value;
    }
}
