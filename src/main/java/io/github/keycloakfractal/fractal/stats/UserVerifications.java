package io.github.keycloakfractal.fractal.stats;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.github.keycloakfractal.fractal.kyc.KycLedger;
import io.github.keycloakfractal.fractal.kyc.KycLevel;
import io.github.keycloakfractal.fractal.kyc.KycObservation;
import io.github.keycloakfractal.fractal.kyc.KycSource;
import io.github.keycloakfractal.fractal.kyc.KycStatus;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@code GET /v2/stats/user-verifications} in both of Fractal's shapes: the current array of
 * {@code {user_id, level, credential}} rows (one per user and level, in no promised order) and the original
 * {@code {user_id: status}} object. Read with Jackson's streaming parser into each user's rows (a level and a status
 * each), so a large application costs a map entry and a few small rows per user rather than a JSON tree. A user with
 * an unknown status or level is kept apart as unreadable, never guessed. Each listed user becomes one
 * {@link #observation}, built when asked for, to merge into their {@link KycLedger}.
 */
public final class UserVerifications {
    private static final JsonFactory JSON = new JsonFactory();

    /** One row: a case's level and its credential status; a status-only listing has no level. */
    private record Row(Optional<KycLevel> level, KycStatus status) {
    }

    private final Map<String, List<Row>> listed;
    private final Set<String> unreadable;

    private UserVerifications(Map<String, List<Row>> listed, Set<String> unreadable) {
        this.listed = Collections.unmodifiableMap(listed);
        this.unreadable = Collections.unmodifiableSet(unreadable);
    }

    public static UserVerifications parse(String body) throws StatsException {
        return parse(new java.io.ByteArrayInputStream(body.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    }

    /** Straight from the socket: rows are read one at a time, and only each listed user's rows are kept. */
    public static UserVerifications parse(java.io.InputStream body) throws StatsException {
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

    /** The Fractal user ids listed with readable rows, in the order first listed. */
    public Set<String> users() {
        return Collections.unmodifiableSet(listed.keySet());
    }

    /**
     * What the statistics say about one user, as an observation at {@code fetchedAt} (the moment before the
     * statistics were asked for, so a decision Fractal made while answering is never dated too early): every
     * component of every row with the row's {@code credential}, a component named by several rows keeping the
     * stronger status by {@link KycStatus#PRECEDENCE}. The original {@code {user_id: status}} shape names no level and
     * gives the {@linkplain KycObservation#statusOnly status-only} form. Empty when the user is not listed or
     * unreadable.
     */
    public Optional<KycObservation> observation(String uid, Instant fetchedAt, KycSource source) {
        List<Row> rows = listed.get(uid);
        if (rows == null) {
            return Optional.empty();
        }
        KycObservation seen = KycObservation.empty(fetchedAt, source);
        for (Row row : rows) {
            seen = row.level().isPresent() ? seen.with(row.level().get(), row.status())
                    : KycObservation.statusOnly(row.status(), fetchedAt, source);
        }
        return Optional.of(seen);
    }

    /** Users whose rows carry a status or level this extension does not know. */
    public Set<String> unreadable() {
        return unreadable;
    }

    private static UserVerifications rows(JsonParser parser) throws IOException, StatsException {
        Map<String, List<Row>> listed = new LinkedHashMap<>();
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
                listed.computeIfAbsent(uid, key -> new ArrayList<>(1)).add(new Row(Optional.of(parsedLevel), status));
            } catch (IllegalArgumentException unknown) {
                unreadable.add(uid);
            }
        }
        if (parser.currentToken() != JsonToken.END_ARRAY) {
            throw new StatsException("a user-verifications row is not an object");
        }
        listed.keySet().removeAll(unreadable);
        return new UserVerifications(listed, unreadable);
    }

    private static UserVerifications statusMap(JsonParser parser) throws IOException {
        Map<String, List<Row>> listed = new LinkedHashMap<>();
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
                KycStatus status = KycStatus.parse(parser.getValueAsString());
                List<Row> before = listed.put(uid, List.of(new Row(Optional.empty(), status)));
                if (before != null && before.get(0).status() != status) {
                    unreadable.add(uid); // listed twice with different statuses: not guessed
                }
            } catch (IllegalArgumentException unknown) {
                unreadable.add(uid);
            }
        }
        listed.keySet().removeAll(unreadable);
        return new UserVerifications(listed, unreadable);
    }
}
