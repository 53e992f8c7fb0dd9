package io.github.keycloakfractal.sandbox;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;

/**
 * Delivers webhooks the way Fractal does: a JSON POST whose raw bytes are signed with the webhook secret, legacy as
 * {@code X-Fractal-Signature: sha1=<hex HMAC-SHA1>}. A delivery is one attempt; a test retries by delivering the
 * same bytes again, as Fractal retries after a non-2xx answer. The HMAC is computed here, independently of the
 * extension's own verifier.
 */
public final class WebhookSender {
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final String url;
    private final String secret;
    private final Duration patience;

    /** Gives up on an answer after 10 s. */
    public WebhookSender(String url, String secret) {
        this(url, secret, Duration.ofSeconds(10));
    }

    /** Waits up to {@code patience} for each answer (a test of a slow dependency needs more than 10 s). */
    public WebhookSender(String url, String secret, Duration patience) {
        this.url = url;
        this.secret = secret;
        this.patience = patience;
    }

    /** A legacy notification for one level or add-on, e.g. {@code ("verification_approved", uid, "basic", at)}. */
    public static byte[] legacy(String type, String userId, String level, Instant timestamp) {
        return String.format("{\"type\":\"%s\",\"data\":{\"level\":\"%s\",\"user_id\":\"%s\",\"timestamp\":\"%s\"}}",
                type, level, userId, timestamp).getBytes(StandardCharsets.UTF_8);
    }

    /** Signs and delivers; returns Keycloak's answer. */
    public HttpResponse<String> deliver(byte[] body) {
        return deliverSigned(body, legacySignature(secret, body));
    }

    /** Delivers with whatever header value a test chooses (null: no header). */
    public HttpResponse<String> deliverSigned(byte[] body, String signatureHeader) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(patience)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (signatureHeader != null) {
            request.header("X-Fractal-Signature", signatureHeader);
        }
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException("webhook delivery failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public static String legacySignature(String secret, byte[] body) {
        return "sha1=" + hmac("HmacSHA1", secret, body);
    }

    /** Kraken's form: bare lowercase hex HMAC-SHA256, no prefix. */
    public static String krakenSignature(String secret, byte[] body) {
        return hmac("HmacSHA256", secret, body);
    }

    /** A Kraken status webhook body. */
    public static byte[] kraken(String krakenUserId, String status, String note) {
        return String.format("{\"id\":\"%s\",\"status\":\"%s\",\"note\":\"%s\"}", krakenUserId, status, note)
                .getBytes(StandardCharsets.UTF_8);
    }

    private static String hmac(String algorithm, String secret, byte[] body) {
        try {
            Mac mac = Mac.getInstance(algorithm);
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), algorithm));
            return HexFormat.of().formatHex(mac.doFinal(body));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
