package io.github.keycloakfractal.fractal.kyc.fuzz;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.keycloakfractal.fractal.kraken.KrakenWebhook;
import io.github.keycloakfractal.fractal.kyc.FutureObservationException;
import io.github.keycloakfractal.fractal.kyc.KycDecision;
import io.github.keycloakfractal.fractal.kyc.KycLedger;
import io.github.keycloakfractal.fractal.kyc.KycLevel;
import io.github.keycloakfractal.fractal.kyc.KycObservation;
import io.github.keycloakfractal.fractal.kyc.KycSource;
import io.github.keycloakfractal.fractal.kyc.KycStatus;
import io.github.keycloakfractal.fractal.kyc.UnknownKycValueException;
import io.github.keycloakfractal.fractal.kyc.UserInfoKyc;
import io.github.keycloakfractal.fractal.stats.StatsException;
import io.github.keycloakfractal.fractal.stats.UserVerifications;
import io.github.keycloakfractal.fractal.webhook.LegacyWebhook;
import io.github.keycloakfractal.fractal.webhook.MalformedWebhookException;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 11.4 for the KYC parsers: at least {@value #BODIES} mutated bodies each, built from valid seed documents by
 * {@link BodyMutator}; every one must parse or be refused with the parser's own typed exception, never an NPE, a
 * NumberFormatException, a DateTimeException or a StackOverflowError. Each parser's result is also merged into a
 * ledger, so what parses is usable. A failure names the seed and the first bodies that broke each rule.
 */
class ParserFuzzTest {
    private static final int BODIES = 10_000;
    private static final long SEED = 114L;
    private static final Instant NOW = Instant.parse("2026-11-30T00:00:00Z");
    private static final ObjectMapper JSON = new ObjectMapper();
    /** A user who holds a level already, so what parses is also merged over existing decisions, not only into nothing. */
    private static final KycLedger BASIC_APPROVED = KycLedger.of(Map.of(
            "basic", new KycDecision(KycStatus.APPROVED, Instant.parse("2020-10-09T10:50:32Z"), KycSource.WEBHOOK)));

    /** What escaped, by exception class, with the first body that caused it. */
    private static final class Escapes {
        private final Map<String, String> first = new TreeMap<>();

        void check(byte[] body, Runnable parse, Class<?>... allowed) {
            check(() -> body, parse, allowed);
        }

        void check(java.util.function.Supplier<byte[]> lazyBody, Runnable parse, Class<?>... allowed) {
            try {
                parse.run();
            } catch (Throwable thrown) {
                for (Class<?> type : allowed) {
                    if (type.isInstance(thrown)) {
                        return;
                    }
                }
                byte[] body = lazyBody.get();
                String shown = new String(body, 0, Math.min(body.length, 300), StandardCharsets.UTF_8);
                first.putIfAbsent(thrown.getClass().getName(), thrown + " for " + body.length + " bytes: " + shown);
            }
        }

        void assertNone(String parser) {
            assertThat(first).as("%s, seed %d: exceptions other than its own", parser, SEED).isEmpty();
        }
    }

    private static List<String> seeds(String... documents) {
        return List.of(documents);
    }

    @Test
    void legacyWebhooks() {
        BodyMutator bodies = new BodyMutator(SEED, seeds(
                "{\"type\":\"verification_approved\",\"data\":{\"level\":\"basic\",\"user_id\":\"b5c5a2cd-643e-444b-9591-e7b25fec997d\",\"timestamp\":\"2020-10-09T10:50:32Z\"}}",
                "{\"type\":\"verification_rejected\",\"data\":{\"level\":\"plus+liveness\",\"user_id\":\"u1\",\"timestamp\":\"2026-11-30T01:02:03Z\"}}",
                "{\"type\":\"verification_contacted\",\"data\":{\"level\":\"liveness\",\"user_id\":\"u1\"}}",
                "{\"type\":\"email_changed\",\"data\":{\"user_id\":\"u1\",\"email\":\"new@example.com\"}}",
                "{\"type\":\"credential_shared\",\"data\":{\"idos_human_id\":\"h\",\"credential_id\":\"c\",\"shared_at\":\"x\"}}"));
        Escapes escapes = new Escapes();
        Random choices = new Random(SEED);
        for (int i = 0; i < BODIES; i++) {
            byte[] body = bodies.next();
            boolean acceptUndated = choices.nextBoolean();
            escapes.check(body, () -> {
                LegacyWebhook webhook = LegacyWebhook.parse(body);
                if (webhook.userId() != null) {
                    assertThat(webhook.userId()).isNotBlank().doesNotContainPattern("\\p{Cntrl}");
                }
                if (webhook.isDecision()) {
                    KycObservation seen = webhook.observation(NOW, acceptUndated);
                    KycLedger.empty().merge(seen, NOW).ledger().derive();
                    BASIC_APPROVED.merge(seen, NOW).ledger().derive();
                }
            }, MalformedWebhookException.class, FutureObservationException.class);
        }
        escapes.assertNone("LegacyWebhook.parse");
    }

    @Test
    void krakenWebhooks() {
        BodyMutator bodies = new BodyMutator(SEED, seeds(
                "{\"id\":\"5b1f2c1e-0000-4000-8000-000000000001\",\"status\":\"approved\",\"note\":\"\"}",
                "{\"id\":\"x\",\"status\":\"rejected\",\"note\":\"document unreadable\"}", "{\"id\":\"x\",\"status\":\"pending\"}"));
        Escapes escapes = new Escapes();
        for (int i = 0; i < BODIES; i++) {
            byte[] body = bodies.next();
            escapes.check(body, () -> {
                KrakenWebhook webhook = KrakenWebhook.parse(body);
                assertThat(webhook.userId()).isNotBlank();
            }, MalformedWebhookException.class);
        }
        escapes.assertNone("KrakenWebhook.parse");
    }

    @Test
    void statisticsUserVerifications() {
        BodyMutator bodies = new BodyMutator(SEED, seeds(
                "[{\"user_id\":\"u1\",\"level\":\"plus+liveness\",\"credential\":\"pending\"},{\"user_id\":\"u2\",\"level\":\"basic\",\"credential\":\"rejected\"},"
                        + "{\"user_id\":\"u1\",\"level\":\"basic+liveness\",\"credential\":\"approved\"}]",
                "[{\"user_id\":\"e\",\"level\":\"basic\",\"credential\":\"expired\"},{\"user_id\":\"c\",\"level\":\"basic\",\"credential\":\"contacted\",\"extra\":{\"nested\":[1,2]}}]",
                "{\"u1\":\"approved\",\"u2\":\"pending\",\"u3\":\"GREEN\"}"));
        Escapes escapes = new Escapes();
        for (int i = 0; i < BODIES; i++) {
            String body = bodies.nextText();
            escapes.check(body.getBytes(StandardCharsets.UTF_8), () -> {
                UserVerifications listed;
                try {
                    listed = UserVerifications.parse(body);
                } catch (StatsException refused) {
                    return;
                }
                for (String uid : listed.users()) {
                    KycLedger.empty().merge(listed.observation(uid, NOW, KycSource.RECONCILIATION).orElseThrow(), NOW).ledger().derive();
                }
                for (String uid : listed.unreadable()) {
                    assertThat(listed.observation(uid, NOW, KycSource.RECONCILIATION)).as("unreadable %s", uid).isEmpty();
                }
            });
        }
        escapes.assertNone("UserVerifications.parse");
    }

    @Test
    void userInfo() {
        BodyMutator bodies = new BodyMutator(SEED, seeds(
                "{\"uid\":\"u1\",\"verification_cases\":[{\"id\":\"1\",\"level\":\"basic+liveness\",\"journey_completed\":true,\"status\":\"done\",\"credential\":\"approved\",\"details\":null}]}",
                "{\"verification_cases\":[{\"level\":\"basic+liveness\",\"status\":\"done\",\"credential\":\"approved\"},{\"level\":\"plus+liveness\",\"status\":\"contacted\",\"credential\":\"pending\"}]}",
                "{\"verification_cases\":[{\"level\":\"plus\",\"status\":\"expired\"},{\"level\":\"wallet-eth\",\"status\":\"approved\"}]}",
                "{\"uid\":\"x\",\"verifications\":[{\"level\":\"v1\"},{\"level\":\"plus+selfie\"}],\"person\":{\"full_name\":\"A\"}}",
                "{\"uid\":\"x\",\"emails\":[{\"address\":\"a@example.com\",\"source_type\":\"registration\"}]}"));
        Escapes escapes = new Escapes();
        int reached = 0;
        for (int tries = 0; reached < BODIES && tries < 20 * BODIES; tries++) {
            byte[] body = bodies.next();
            JsonNode userInfo;
            try {
                userInfo = JSON.readTree(body);
            } catch (IOException notJson) {
                continue; // Keycloak's HTTP client refuses it before the parser sees it
            }
            reached++;
            escapes.check(body, () -> {
                UserInfoKyc.observe(userInfo, KycSource.BROKER_LOGIN, NOW).ifPresent(seen -> {
                    KycLedger.empty().merge(seen, NOW).ledger().derive();
                    BASIC_APPROVED.merge(seen, NOW).ledger().derive();
                });
            }, UnknownKycValueException.class);
        }
        assertThat(reached).as("JSON bodies that reached the parser").isGreaterThanOrEqualTo(BODIES);
        escapes.assertNone("UserInfoKyc.observe");
    }

    /**
     * Bodies the fuzzer found: an id of a NUL character is not blank but trimmed to nothing (an empty user id), and an
     * id of a Unicode line separator is blank but survived trimming.
     */
    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"{\"id\":\"\\u0000\",\"status\":\"rejected\",\"note\":\"document unreadable\"}",
            "{\"id\":\" \\u0001 \",\"status\":\"approved\"}", "{\"id\":\"\\u2028\",\"status\":\"approved\"}", "{\"id\":\"k\\u0000k\",\"status\":\"approved\"}"})
    void regressionKrakenIdsOfControlCharactersAreRefused(String body) {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> KrakenWebhook.parse(body.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(MalformedWebhookException.class);
    }

    @Test
    void levelStrings() {
        BodyMutator levels = new BodyMutator(SEED, seeds("plus+liveness+wallet-eth", "basic", "liveness", "uniqueness+liveness", "basic+selfie+sow"));
        Escapes escapes = new Escapes();
        for (int i = 0; i < BODIES; i++) {
            String level = levels.nextText();
            escapes.check(level.getBytes(StandardCharsets.UTF_8), () -> assertThat(KycLevel.parse(level).components()).isNotEmpty(),
                    UnknownKycValueException.class);
        }
        escapes.assertNone("KycLevel.parse");
    }

    @Test
    void storedLedgers() {
        KycLedger sample = KycLedger.of(Map.of(
                "basic", new KycDecision(KycStatus.APPROVED, Instant.parse("2026-11-30T01:02:03Z"), KycSource.WEBHOOK),
                "liveness", new KycDecision(KycStatus.REJECTED, Instant.MAX, KycSource.BROKER_LOGIN),
                "*", new KycDecision(KycStatus.PENDING, Instant.MIN, KycSource.MIGRATION)));
        BodyMutator values = new BodyMutator(SEED, sample.encode());
        Random sizes = new Random(SEED);
        Escapes escapes = new Escapes();
        for (int i = 0; i < BODIES; i++) {
            List<String> stored = new ArrayList<>();
            for (int n = sizes.nextInt(4); n >= 0; n--) {
                stored.add(sizes.nextInt(20) == 0 ? null : values.nextText());
            }
            escapes.check(() -> String.valueOf(stored).getBytes(StandardCharsets.UTF_8), () -> {
                var decoded = KycLedger.decode(stored);
                assertThat(decoded.ledger().decisions().size() + decoded.unreadable().size()).isLessThanOrEqualTo(stored.size());
                decoded.ledger().derive();
            });
        }
        escapes.assertNone("KycLedger.decode");
    }
}
