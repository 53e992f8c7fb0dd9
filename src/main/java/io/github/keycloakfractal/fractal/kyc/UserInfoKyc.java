package io.github.keycloakfractal.fractal.kyc;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Instant;
import java.util.Optional;

/**
 * Reads the KYC state from user info. v2 (and v1 from 2020) carry {@code verification_cases}, whose outcome comes in
 * two encodings: the documented table ({@code status} pending|contacted|done plus {@code credential}
 * pending|approved|rejected) and the 2024 examples ({@code status} holding the outcome, no {@code credential}).
 * Older v1 documents only list approved {@code verifications}. Each case's outcome applies to every component of
 * its level ({@link #observe}).
 */
public final class UserInfoKyc {
    private UserInfoKyc() {
    }

    /**
     * What a login saw: every component of every listed case with the case's outcome (a component named by several
     * cases keeps the stronger outcome by {@link KycStatus#PRECEDENCE}); for older v1 documents every listed
     * verification as approved. All at {@code readAt}, the moment Keycloak read the user info. Components not listed
     * are not part of the observation: a login shows only the cases of the scopes the application asked for, so the
     * ledger keeps what it knows about the others. Empty when the document says nothing about KYC.
     *
     * @throws UnknownKycValueException when a case carries a level or outcome this extension does not know
     */
    public static Optional<KycObservation> observe(JsonNode userInfo, KycSource source, Instant readAt) {
        KycObservation seen = KycObservation.empty(readAt, source);
        JsonNode cases = userInfo == null ? null : userInfo.get("verification_cases");
        if (cases != null && cases.isArray() && !cases.isEmpty()) {
            for (JsonNode verificationCase : cases) {
                seen = seen.with(KycLevel.parse(text(verificationCase, "level")), outcome(verificationCase));
            }
            return Optional.of(seen);
        }
        JsonNode verifications = userInfo == null ? null : userInfo.get("verifications");
        if (verifications != null && verifications.isArray() && !verifications.isEmpty()) {
            for (JsonNode verification : verifications) {
                seen = seen.with(KycLevel.parse(text(verification, "level")), KycStatus.APPROVED);
            }
            return Optional.of(seen);
        }
        return Optional.empty();
    }

    /** One case's outcome in either encoding. */
    static KycStatus outcome(JsonNode verificationCase) {
        String status = text(verificationCase, "status");
        String credential = verificationCase.hasNonNull("credential") ? text(verificationCase, "credential") : null;
        if (credential == null) {
            if ("done".equals(status)) {
                throw new UnknownKycValueException("verification case is done but has no credential outcome");
            }
            return KycStatus.parse(status);
        }
        KycStatus outcome = KycStatus.parse(credential);
        if (outcome != KycStatus.APPROVED && outcome != KycStatus.REJECTED && outcome != KycStatus.PENDING) {
            throw new UnknownKycValueException("unknown credential outcome '" + Excerpt.of(credential) + "'");
        }
        return switch (status) {
            case "done", "pending" -> outcome;
            case "contacted" -> outcome == KycStatus.PENDING ? KycStatus.CONTACTED : outcome;
            default -> throw new UnknownKycValueException("unknown verification case status '" + Excerpt.of(status) + "'");
        };
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || !value.isTextual()) {
            throw new UnknownKycValueException("verification entry without a '" + field + "'");
        }
        return value.asText();
    }
}
