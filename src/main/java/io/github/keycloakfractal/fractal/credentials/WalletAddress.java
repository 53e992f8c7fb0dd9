package io.github.keycloakfractal.fractal.credentials;

import org.web3j.crypto.Keys;

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
        if (mixedCase && !Keys.toChecksumAddress(value).equals(value)) {
            throw new IllegalArgumentException("wallet address with a wrong EIP-55 checksum: " + value);
        }
        value = value.toLowerCase(Locale.ROOT);
    }

    /** The address, or {@link IllegalArgumentException} when the text is not one. */
    public static WalletAddress parse(String text) {
        return new WalletAddress(text);
    }

    /** The EIP-55 mixed-case spelling wallets display and Fractal's responses use. */
    public String toChecksum() {
        return Keys.toChecksumAddress(value);
    }

    @Override
    public String toString() {
        return value;
    }
}
