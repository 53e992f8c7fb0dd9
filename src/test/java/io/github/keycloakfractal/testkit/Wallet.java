package io.github.keycloakfractal.testkit;

import org.web3j.crypto.ECKeyPair;
import org.web3j.crypto.Keys;
import org.web3j.crypto.Sign;
import org.web3j.utils.Numeric;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;

/** A wallet in a test: its key signs texts the way a browser wallet's {@code personal_sign} does. */
public final class Wallet {
    private final ECKeyPair keys;

    private Wallet(ECKeyPair keys) {
        this.keys = keys;
    }

    public static Wallet of(String privateKeyHex) {
        return new Wallet(ECKeyPair.create(Numeric.toBigInt(privateKeyHex)));
    }

    public static Wallet random() {
        try {
            return new Wallet(Keys.createEcKeyPair());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** {@code 0x} + 40 lower-case hex digits. */
    public String address() {
        return "0x" + Keys.getAddress(keys);
    }

    /** EIP-191 personal_sign over the UTF-8 text: {@code 0x} + r + s + v (27/28). */
    public String sign(String text) {
        Sign.SignatureData signature = Sign.signPrefixedMessage(text.getBytes(StandardCharsets.UTF_8), keys);
        HexFormat hex = HexFormat.of();
        return "0x" + hex.formatHex(signature.getR()) + hex.formatHex(signature.getS()) + hex.formatHex(signature.getV());
    }
}
