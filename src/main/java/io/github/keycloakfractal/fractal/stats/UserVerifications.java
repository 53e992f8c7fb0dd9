package io.github.keycloakfractal.fractal.stats;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.github.keycloakfractal.fractal.kyc.KycLevel;
import io.github.keycloakfractal.fractal.kyc.KycStatus;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code GET /v2/stats/user-verifications} in both of Fractal's shapes: the current array of
 * {@code {user_id, level, credential}} rows (one per user and level, in no promised order) and the original
 * {@code {user_id: status}} object. Read with Jackson's streaming parser into one compact verdict per user, so a
 * large application costs a map entry per user rather than a JSON tree. A user with an unknown status or level is
 * kept apart as unreadable, never guessed.
 */
public final class UserVerifications {
    private static final JsonFactory JSON = new JsonFactory();

    private final Map<String, FractalVerdict> verdicts;
    private final Set<String> unreadable;

    private UserVerifications(Map<String, FractalVerdict> verdicts, Set<String> unreadable) {
        this.verdicts = Collections.unmodifiableMap(verdicts);
        this.unreadable = Collections.unmodifiableSet(unreadable);
    }

    public static UserVerifications parse(String body) throws StatsException {
        try (JsonParser parser = JSON.createParser(body)) {
            JsonToken first = parser.nextToken();
            if (first == JsonToken.START_ARRAY) {
                return rows(parser);
            }
            if (first == JsonToken.START_OBJECT) {
                return statusMap(parser);
            }
            throw new StatsException("user-verifications is neither a list of rows nor a map of statuses");
        } catch (IOException e) {
            throw new StatsException("user-verifications is not valid JSON");
        }
    }

    /** One verdict per user Fractal lists, in the order first listed. */
    public Map<String, FractalVerdict> verdicts() {
        return verdicts;
    }

    /** Users whose rows carry a status or level this extension does not know. */
    public Set<String> unreadable() {
        return unreadable;
    }

    private static UserVerifications rows(JsonParser parser) throws IOException, StatsException {
        Map<String, EnumSet<KycStatus>> statuses = new LinkedHashMap<>();
        Map<String, List<KycLevel>> approved = new LinkedHashMap<>();
        Set<String> unreadable = new LinkedHashSet<>();
        while (parser.nextToken() == JsonToken.START_OBJECT) {
            String uid = null;
            String level = null;
            String credential = null;
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String field = parser.getCurrentName();
                JsonToken value = parser.nextToken();
                if (value.isStructStart()) {
                    parser.skipChildren();
                } else if (field.equals("user_id")) {
                    uid = parser.getValueAsString();
                } else if (field.equals("level")) {
                    level = parser.getValueAsString();
                } else if (field.equals("credential")) {
                    credential = parser.getValueAsString();
                }
            }
            if (uid == null || uid.isBlank()) {
                throw new StatsException("a user-verifications row has no user_id");
            }
            try {
                KycStatus status = KycStatus.parse(credential);
                KycLevel parsedLevel = KycLevel.parse(level);
                statuses.computeIfAbsent(uid, key -> EnumSet.noneOf(KycStatus.class)).add(status);
                List<KycLevel> levels = approved.computeIfAbsent(uid, key -> new ArrayList<>(1));
                if (status == KycStatus.APPROVED) {
                    levels.add(parsedLevel);
                }
            } catch (IllegalArgumentException unknown) {
                unreadable.add(uid);
            }
        }
        if (parser.currentToken() != JsonToken.END_ARRAY) {
            throw new StatsException("a user-verifications row is not an object");
        }
        Map<String, FractalVerdict> verdicts = new LinkedHashMap<>();
        statuses.forEach((uid, seen) -> {
            if (!unreadable.contains(uid)) {
                verdicts.put(uid, new FractalVerdict(uid, KycStatus.overall(seen), approved.get(uid), true));
            }
        });
        return new UserVerifications(verdicts, unreadable);
    }

    private static UserVerifications statusMap(JsonParser parser) throws IOException {
        Map<String, FractalVerdict> verdicts = new LinkedHashMap<>();
        Set<String> unreadable = new LinkedHashSet<>();
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String uid = parser.getCurrentName();
            JsonToken value = parser.nextToken();
            if (value.isStructStart()) {
                parser.skipChildren();
                unreadable.add(uid);
                continue;
            }
            try {
                verdicts.put(uid, new FractalVerdict(uid, KycStatus.parse(parser.getValueAsString()), List.of(), false));
            } catch (IllegalArgumentException unknown) {
                unreadable.add(uid);
            }
        }
        return new UserVerifications(verdicts, unreadable);
    }
}
