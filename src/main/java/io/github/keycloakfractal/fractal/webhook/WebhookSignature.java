package io.github.keycloakfractal.fractal.webhook;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;

/**
 * Fractal's webhook signatures over the raw request bytes: legacy webhooks send {@code sha1=<hex HMAC-SHA1>},
 * Kraken sends a bare hex HMAC-SHA256. The comparison is on bytes and constant-time, and happens before anything
 * of the body is parsed. A missing, malformed or truncated header simply does not match.
 */
public enum WebhookSignature {
    LEGACY("HmacSHA1", "sha1=", 20),
    KRAKEN("HmacSHA256", "", 32);

    private final String algorithm;
    private final String prefix;
    private final int length;

    WebhookSignature(String algorithm, String prefix, int length) {
        this.algorithm = algorithm;
        this.prefix = prefix;
        this.length = length;
    }

    /** True when {@code header} is this scheme's signature of {@code body} under one of the secrets. */
    public boolean matches(String header, byte[] body, List<String> secrets) {
        byte[] presented = decode(header);
        if (presented == null) {
            return false;
        }
        boolean matched = false;
        for (String secret : secrets) {
            matched |= MessageDigest.isEqual(presented, sign(secret, body));
        }
        return matched;
    }

    /** The header value Fractal would send; the sandbox signs with this too. */
    public String header(String secret, byte[] body) {
        return prefix + HexFormat.of().formatHex(sign(secret, body));
    }

    private byte[] decode(String header) {
        if (header == null) {
            return null;
        }
        String value = header.trim();
        if (!value.regionMatches(true, 0, prefix, 0, prefix.length())) {
            return null;
        }
        String hex = value.substring(prefix.length());
        if (hex.length() != length * 2) {
            return null;
        }
        try {
            return HexFormat.of().parseHex(hex);
        } catch (IllegalArgumentException notHex) {
            return null;
        }
    }

    private byte[] sign(String secret, byte[] body) {
        try {
            Mac mac = Mac.getInstance(algorithm);
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), algorithm));
            return mac.doFinal(body);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(algorithm + " is not available", e);
        }
    }
}
