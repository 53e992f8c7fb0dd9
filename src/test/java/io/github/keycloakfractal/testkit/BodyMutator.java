package io.github.keycloakfractal.testkit;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;

/**
 * Seeded mutations of a valid request body, of the kinds a careless or hostile caller sends: flipped, inserted, deleted
 * and truncated bytes, deep nesting, duplicated keys, values of the wrong type, numbers beyond every range, instants at
 * the end of time, control and non-BMP characters, and nothing at all. The same seed gives the same bodies.
 */
public final class BodyMutator {
    private static final List<String> HOSTILE_VALUES = List.of("1e400", "-1", "99999999999999999999999", "-9223372036854775809",
            "\"+999999999-12-31T23:59:59Z\"", "\"-999999999-01-01T00:00:00Z\"", "null", "true", "[]", "{}", "\"\"",
            "\"\\u0000\"", "\"\\ud83d\\ude00\\u202e\"", "\"\\n\\r\\t\"", "0.0000000001", "\"a\\\"b\"");

    private final Random random;

    public BodyMutator(long seed) {
        this.random = new Random(seed);
    }

    /** One to three mutations of {@code seed}. */
    public byte[] mutate(String seed) {
        String body = seed;
        int rounds = 1 + random.nextInt(3);
        for (int i = 0; i < rounds; i++) {
            body = once(body);
        }
        return body.getBytes(StandardCharsets.UTF_8);
    }

    private String once(String body) {
        return switch (random.nextInt(10)) {
            case 0 -> flip(body);
            case 1 -> body.substring(0, random.nextInt(body.length() + 1));
            case 2 -> "[".repeat(500 + random.nextInt(3000)) + body + "]".repeat(random.nextInt(3500));
            case 3 -> duplicateKey(body);
            case 4 -> replaceValue(body, HOSTILE_VALUES.get(random.nextInt(HOSTILE_VALUES.size())));
            case 5 -> insert(body, new String(Character.toChars(random.nextBoolean() ? random.nextInt(0x20) : 0x10000 + random.nextInt(0x10000))));
            case 6 -> "";
            case 7 -> replaceValue(body, String.valueOf(random.nextLong()));
            case 8 -> body.replaceFirst("\"[a-z_]+\"", "\"" + "k".repeat(1 + random.nextInt(2000)) + "\"");
            default -> insert(body, List.of("{", "}", "[", "]", ",", ":", "\"", "\\").get(random.nextInt(8)));
        };
    }

    private String flip(String body) {
        if (body.isEmpty()) {
            return body;
        }
        int at = random.nextInt(body.length());
        return body.substring(0, at) + (char) (body.charAt(at) ^ (1 << random.nextInt(7))) + body.substring(at + 1);
    }

    private String insert(String body, String text) {
        int at = random.nextInt(body.length() + 1);
        return body.substring(0, at) + text + body.substring(at);
    }

    /** {@code {"a":1,...}} becomes {@code {"a":1,"a":<other>,...}}. */
    private String duplicateKey(String body) {
        int colon = body.indexOf("\":");
        int start = colon < 0 ? -1 : body.lastIndexOf('"', colon - 1);
        if (start < 0) {
            return body;
        }
        String key = body.substring(start, colon + 2);
        return body.replaceFirst(java.util.regex.Pattern.quote(key), java.util.regex.Matcher.quoteReplacement(key + "\"dup\"," + key));
    }

    /** Replaces the value after one of the body's keys (string or number) with {@code value}. */
    private String replaceValue(String body, String value) {
        java.util.regex.Matcher values = java.util.regex.Pattern.compile(":(\"[^\"]*\"|-?[0-9][0-9.eE+-]*)").matcher(body);
        List<int[]> spans = new java.util.ArrayList<>();
        while (values.find()) {
            spans.add(new int[]{values.start(1), values.end(1)});
        }
        if (spans.isEmpty()) {
            return body;
        }
        int[] span = spans.get(random.nextInt(spans.size()));
        return body.substring(0, span[0]) + value + body.substring(span[1]);
    }
}
