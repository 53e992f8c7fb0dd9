package io.github.keycloakfractal.fractal.credentials;

import io.github.keycloakfractal.fractal.HttpTransport;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

import static io.github.keycloakfractal.fractal.credentials.AppendixA.APPROVED_AT;
import static io.github.keycloakfractal.fractal.credentials.AppendixA.FRACTAL_ID;
import static io.github.keycloakfractal.fractal.credentials.AppendixA.S1_CREDENTIAL;
import static io.github.keycloakfractal.fractal.credentials.AppendixA.S1_PROOF;
import static io.github.keycloakfractal.fractal.credentials.AppendixA.S2_CREDENTIAL;
import static io.github.keycloakfractal.fractal.credentials.AppendixA.S2_PROOF;
import static io.github.keycloakfractal.fractal.credentials.AppendixA.SIGNER;
import static io.github.keycloakfractal.fractal.credentials.AppendixA.SUBJECT;
import static io.github.keycloakfractal.fractal.credentials.AppendixA.USER_MESSAGE;
import static io.github.keycloakfractal.fractal.credentials.AppendixA.USER_SIGNATURE;
import static io.github.keycloakfractal.fractal.credentials.AppendixA.VALID_UNTIL;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every parser of the credentials package against at least 10,000 mutated inputs grown from valid seeds
 * ({@link Mutations}): each input must parse, or be refused with that parser's own exception. Anything else escaping
 * (NullPointerException, ArithmeticException, DateTimeException, NumberFormatException, StackOverflowError, ...) would
 * reach Keycloak as a 500 for input a caller chose. Whatever parses is also used the way the extension uses it
 * (recovered, verified), because that is where a parsed but absurd value would blow up. Seeded: a failure lists the
 * inputs, and the same seed reproduces them.
 */
class CredentialParsersFuzzTest {
    private static final int INPUTS = 10_000;
    private static final long SEED = 11_04L;
    private static final Instant NOW = Instant.ofEpochSecond(VALID_UNTIL - 60);
    private static final WalletAddress SIGNER_ADDRESS = WalletAddress.parse(SIGNER);

    private static final List<String> MESSAGES = List.of(USER_MESSAGE,
            "I authorize Test App (abc) to get a proof from Fractal that:\n- I passed KYC level basic",
            "I authorize Acme (Pay) (x-1) to get a proof from Fractal that:\n- I passed KYB level plus+liveness+wallet\n"
                    + "- I am not a citizen of the following countries: Myanmar (MM), Democratic People's Republic of Korea (KP)\n"
                    + "I also allow access to my data that was used to pass this level.",
            "I authorize Ünïcode 🚀 (id) to get a proof from Fractal that:\n- I passed KYC level uniqueness\n"
                    + "I also allow access to my data that was used to pass this KYC level.",
            "I authorize A (b) to get a proof from Fractal that:\n- I passed KYC level plus\n"
                    + "- I am not a resident of the following countries: Côte d'Ivoire (CI), Türkiye (TR)");
    private static final List<String> CREDENTIALS = List.of(S1_CREDENTIAL, S2_CREDENTIAL, "level:plus;residency_not:ca,us",
            "level:basic+liveness;citizenship_not:ir,kp,sy;residency_not:", "level:plus+liveness+wallet+sow");
    private static final List<String> SIGNATURES = List.of(USER_SIGNATURE, S1_PROOF, S2_PROOF,
            USER_SIGNATURE.substring(0, 130) + "01", "0x" + S1_PROOF.substring(2).toUpperCase());
    private static final List<String> ADDRESSES = List.of(SUBJECT, SIGNER, SUBJECT.toLowerCase(), "0x" + SIGNER.substring(2).toUpperCase(),
            "0xacD08d6714ADba531beFF582e6FD5DA1AFD6bc65");

    /** Fractal's 200 answer (S1 of Appendix A), field by field as raw JSON values. */
    private static Map<String, String> proofFields() {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("address", "\"" + SUBJECT + "\"");
        fields.put("approvedAt", String.valueOf(APPROVED_AT));
        fields.put("fractalId", "\"" + FRACTAL_ID + "\"");
        fields.put("validUntil", String.valueOf(VALID_UNTIL));
        fields.put("proof", "\"" + S1_PROOF + "\"");
        fields.put("credential", "\"" + S1_CREDENTIAL + "\"");
        return fields;
    }

    @Test
    void credentialMessages() {
        Mutations mutations = new Mutations(SEED);
        fuzz("CredentialMessage.parse", () -> mutations.text(MESSAGES), CredentialMessage::parse, CredentialException.class);
    }

    @Test
    void credentialStrings() {
        Mutations mutations = new Mutations(SEED + 1);
        fuzz("Credential.parse", () -> mutations.text(CREDENTIALS), Credential::parse, ProofException.class);
    }

    @Test
    void signaturesAndWhatTheyRecover() {
        Mutations mutations = new Mutations(SEED + 2);
        fuzz("PersonalSignature.parse + recover", () -> mutations.text(SIGNATURES),
                text -> PersonalSignature.parse(text).recover(USER_MESSAGE), CredentialException.class);
    }

    @Test
    void walletAddresses() {
        Mutations mutations = new Mutations(SEED + 3);
        fuzz("WalletAddress.parse", () -> mutations.text(ADDRESSES), WalletAddress::parse, IllegalArgumentException.class);
    }

    @Test
    void proofsAndTheirVerification() {
        Mutations mutations = new Mutations(SEED + 4);
        fuzz("FractalProof.fromJson + verify", () -> mutations.json(proofFields()), json -> {
            FractalProof proof = FractalProof.fromJson(json);
            proof.verify(SIGNER_ADDRESS, NOW, Optional.of(Duration.ofDays(182)));
            return proof;
        }, ProofException.class);
    }

    @Test
    void credentialsApiAnswers() {
        Mutations mutations = new Mutations(SEED + 5);
        CredentialMessage message = CredentialMessage.parse(USER_MESSAGE);
        PersonalSignature signature = PersonalSignature.parse(USER_SIGNATURE);
        int[] statuses = {200, 200, 200, 400, 404, 404, 401, 500, 302, 0, -1, 999};
        Map<String, String> notFound = Map.of("address", "\"" + SUBJECT + "\"", "error", "\"user_not_found\"");
        Map<String, String> badLevel = Map.of("error", "\"invalid_level\"");
        List<String> answers = new ArrayList<>();
        fuzz("CredentialsApi.proofFor", () -> {
            int status = statuses[answers.size() % statuses.length];
            String body = switch (answers.size() % 5) {
                case 0 -> mutations.json(notFound);
                case 1 -> mutations.json(badLevel);
                case 2 -> answers.size() % 50 == 2 ? null : mutations.text(List.of("", "{}", "<html>bad gateway</html>"));
                default -> mutations.json(proofFields());
            };
            answers.add(body);
            return status + " " + body;
        }, statusAndBody -> {
            int space = statusAndBody.indexOf(' ');
            String body = statusAndBody.substring(space + 1);
            HttpTransport transport = (url, bearer) -> new HttpTransport.Answer(Integer.parseInt(statusAndBody.substring(0, space)),
                    body.equals("null") ? null : body);
            try {
                return new CredentialsApi("https://credentials.example", transport).proofFor(message, signature);
            } catch (CredentialsUnavailableException unavailable) {
                throw new UnavailableRefusal(unavailable);
            }
        }, CredentialException.class, UnavailableRefusal.class);
    }

    /** Carries the checked {@link CredentialsUnavailableException} through the function interface. */
    private static final class UnavailableRefusal extends RuntimeException {
        UnavailableRefusal(CredentialsUnavailableException cause) {
            super(cause);
        }
    }

    private interface Input {
        String next();
    }

    @SafeVarargs
    private static void fuzz(String parser, Input inputs, Function<String, ?> parse, Class<? extends Throwable>... refusals) {
        int accepted = 0;
        int refused = 0;
        List<String> escapes = new ArrayList<>();
        for (int i = 0; i < INPUTS; i++) {
            String input = inputs.next();
            try {
                parse.apply(input);
                accepted++;
            } catch (Throwable thrown) {
                if (isOneOf(thrown, refusals)) {
                    refused++;
                } else if (escapes.size() < 20) {
                    escapes.add("#" + i + " " + thrown + " <- " + shorten(input));
                }
            }
        }
        assertThat(escapes).as(parser + ": exceptions other than its own refusal").isEmpty();
        assertThat(accepted).as(parser + ": inputs that parsed").isPositive();
        assertThat(refused).as(parser + ": inputs refused").isGreaterThan(INPUTS / 2);
    }

    /** Exactly one of the refusal classes: a NumberFormatException is an IllegalArgumentException, but no refusal. */
    private static boolean isOneOf(Throwable thrown, Class<? extends Throwable>[] refusals) {
        for (Class<? extends Throwable> refusal : refusals) {
            if (thrown.getClass() == refusal) {
                return true;
            }
        }
        return false;
    }

    private static String shorten(String input) {
        if (input == null) {
            return "null";
        }
        String escaped = input.replace("\n", "\\n");
        return escaped.length() <= 300 ? escaped : escaped.substring(0, 300) + "... (" + input.length() + " chars)";
    }
}
