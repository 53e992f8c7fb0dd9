package io.github.keycloakfractal.fractal.webhook;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Vectors from fractal-api.md 5.1 (Fractal's documentation) and Appendix A (Kraken). */
class WebhookSignatureTest {
    private static final String LEGACY_KEY = "9d7e80c0f169ab94d34392d64617b7517fb07c40";
    private static final byte[] LEGACY_BODY = ("{\"type\":\"verification_approved\",\"data\":{\"level\":\"basic\","
            + "\"user_id\":\"b5c5a2cd-643e-444b-9591-e7b25fec997d\",\"timestamp\":\"2020-10-09T10:50:32Z\"}}").getBytes(StandardCharsets.UTF_8);
    private static final String LEGACY_HEADER = "sha1=9e581dd775e5ba87e9839b595d6eb0d784ecfdb6";
    private static final byte[] KRAKEN_BODY = "{\"id\":\"5b1f2c1e-0000-4000-8000-000000000001\",\"status\":\"approved\",\"note\":\"\"}"
            .getBytes(StandardCharsets.UTF_8);
    private static final String KRAKEN_HEADER = "e58951e7bab77f948e7ec2500f973d865b209605e9c1cda1c1b61e3398ba4667";

    @Test
    void legacyVectorsVerify() {
        assertThat(WebhookSignature.LEGACY.matches(LEGACY_HEADER, LEGACY_BODY, List.of(LEGACY_KEY))).isTrue();
        assertThat(WebhookSignature.LEGACY.matches("sha1=6a89633e5f131bfb5f0b5826b33b3bab4bf52068",
                "my-payload".getBytes(StandardCharsets.UTF_8), List.of("SUP3RS3CR3T"))).isTrue();
        assertThat(WebhookSignature.LEGACY.header(LEGACY_KEY, LEGACY_BODY)).isEqualTo(LEGACY_HEADER);
    }

    @Test
    void krakenVectorVerifies() {
        assertThat(WebhookSignature.KRAKEN.matches(KRAKEN_HEADER, KRAKEN_BODY, List.of("test-webhook-secret"))).isTrue();
        assertThat(WebhookSignature.KRAKEN.header("test-webhook-secret", KRAKEN_BODY)).isEqualTo(KRAKEN_HEADER);
    }

    @Test
    void anyOfSeveralSecretsMayHaveSigned() {
        assertThat(WebhookSignature.LEGACY.matches(LEGACY_HEADER, LEGACY_BODY, List.of("other", LEGACY_KEY))).isTrue();
        assertThat(WebhookSignature.LEGACY.matches(LEGACY_HEADER, LEGACY_BODY, List.of())).isFalse();
    }

    @Test
    void wrongSecretOrChangedBodyFails() {
        assertThat(WebhookSignature.LEGACY.matches(LEGACY_HEADER, LEGACY_BODY, List.of("wrong-secret"))).isFalse();
        byte[] tampered = LEGACY_BODY.clone();
        tampered[tampered.length - 3] ^= 1;
        assertThat(WebhookSignature.LEGACY.matches(LEGACY_HEADER, tampered, List.of(LEGACY_KEY))).isFalse();
        assertThat(WebhookSignature.KRAKEN.matches(KRAKEN_HEADER, LEGACY_BODY, List.of("test-webhook-secret"))).isFalse();
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"9e581dd775e5ba87e9839b595d6eb0d784ecfdb6", "sha1=9e581dd775e5ba87e9839b595d6eb0d784ecfdb",
            "sha1=9e581dd775e5ba87e9839b595d6eb0d784ecfdb600", "sha256=9e581dd775e5ba87e9839b595d6eb0d784ecfdb6",
            "sha1=9e581dd775e5ba87e9839b595d6eb0d784ecfdbz", "sha1=8e581dd775e5ba87e9839b595d6eb0d784ecfdb6"})
    void missingMalformedTruncatedOrTamperedHeadersFail(String header) {
        assertThat(WebhookSignature.LEGACY.matches(header, LEGACY_BODY, List.of(LEGACY_KEY))).isFalse();
    }

    @Test
    void theSchemesAreNotInterchangeable() {
        assertThat(WebhookSignature.KRAKEN.matches("sha1=" + KRAKEN_HEADER, KRAKEN_BODY, List.of("test-webhook-secret"))).isFalse();
        assertThat(WebhookSignature.KRAKEN.matches(KRAKEN_HEADER.toUpperCase(), KRAKEN_BODY, List.of("test-webhook-secret")))
                .as("hex case does not matter").isTrue();
    }
}
