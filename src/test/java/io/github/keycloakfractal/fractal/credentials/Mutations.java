package io.github.keycloakfractal.fractal.credentials;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/**
 * Mutated inputs for the parser fuzz test, all derived from valid seeds so most of them get deep into a parser before
 * going wrong: bit and byte flips, truncation, deleted, duplicated and repeated ranges, splices of two seeds, control,
 * bidi, zero-width and non-BMP characters and lone surrogates, and, for JSON, wrong types, deep nesting, duplicate
 * keys, missing fields and numbers no {@code long} holds. Driven by one seeded {@link Random}, so a failure is
 * reproducible from the seed alone.
 */
final class Mutations {
    private static final String[] ODD_TEXT = {"\u0000", "\u0001", "\u001f", "\u007f", "\r", "\n", "\r\n", "\t", "\u2028",
            "\u200b", "\u202e", "\ufeff", "\ud800", "\udfff", "\ud83d\ude00", "\ud83c\udde9\ud83c\uddea", "\u0130", "é", "ß",
            "\\", "\"", "'", "(", ")", ", ", ",", ";", ":", "+", " ", "  ", "0x", "{", "}", "[", "]", "%00", "${x}"};
    private static final String[] ODD_NUMBERS = {"1e400", "-1e400", "99999999999999999999", "9223372036854775807",
            "9223372036854775808", "-9223372036854775808", "-9223372036854775809", "31556889864403199", "31556889864403200",
            "-31557014167219200", "-1", "0", "-0", "1.5", "1e3", "1E+400", "0.0", "1e-400", "NaN", "Infinity", "-Infinity",
            "0x10", "01", "1_000", "+1", "9".repeat(1200), "1" + "0".repeat(999)};
    private static final String[] WRONG_TYPES = {"null", "true", "false", "[]", "{}", "\"\"", "[\"0x\"]", "{\"a\":1}", "0",
            "\"1654693829\"", "1654693829.0"};

    private final Random random;

    Mutations(long seed) {
        this.random = new Random(seed);
    }

    /** One to four text mutations of a seed, sometimes spliced with another seed of the pool. */
    String text(List<String> seeds) {
        String out = pick(seeds);
        int rounds = 1 + random.nextInt(4);
        for (int i = 0; i < rounds; i++) {
            out = once(out, seeds);
        }
        return out;
    }

    /**
     * A JSON object built from {@code fields} (name to raw JSON value) after structural mutations (a value replaced by
     * an odd number, a wrong type or deep nesting; a field dropped or given twice; the document nested), and half the
     * time text mutations on top.
     */
    String json(Map<String, String> fields) {
        Map<String, String> mutated = new LinkedHashMap<>(fields);
        List<String> names = new ArrayList<>(fields.keySet());
        StringBuilder duplicates = new StringBuilder();
        int rounds = 1 + random.nextInt(3);
        for (int i = 0; i < rounds; i++) {
            String name = pick(names);
            switch (random.nextInt(7)) {
                case 0 -> mutated.put(name, pick(ODD_NUMBERS));
                case 1 -> mutated.put(name, pick(WRONG_TYPES));
                case 2 -> mutated.put(name, nested(depth()));
                case 3 -> mutated.remove(name);
                case 4 -> duplicates.append('"').append(name).append("\":").append(random.nextBoolean()
                        ? pick(ODD_NUMBERS) : fields.get(name)).append(',');
                case 5 -> mutated.put(name, "\"" + once(unquoted(fields.get(name)), List.of(unquoted(fields.get(name)))) + "\"");
                default -> mutated.put(pick(names) + pick(ODD_TEXT), fields.get(name));
            }
        }
        StringBuilder json = new StringBuilder("{").append(duplicates);
        mutated.forEach((name, value) -> json.append('"').append(name).append("\":").append(value).append(','));
        if (json.charAt(json.length() - 1) == ',') {
            json.setLength(json.length() - 1);
        }
        String document = json.append('}').toString();
        if (random.nextInt(20) == 0) {
            int depth = depth();
            document = "[".repeat(depth) + document + "]".repeat(depth);
        }
        return random.nextBoolean() ? document : once(document, List.of(document));
    }

    private String once(String in, List<String> seeds) {
        if (in.isEmpty()) {
            return pick(ODD_TEXT);
        }
        int at = random.nextInt(in.length());
        int to = at + random.nextInt(in.length() - at + 1);
        return switch (random.nextInt(13)) {
            case 0 -> in.substring(0, at) + (char) (in.charAt(at) ^ (1 << random.nextInt(16))) + in.substring(at + 1);
            case 1 -> in.substring(0, at);
            case 2 -> in.substring(0, at) + in.substring(to);
            case 3 -> in.substring(0, to) + in.substring(at, to) + in.substring(to);
            case 4 -> in.substring(0, at) + pick(ODD_TEXT) + in.substring(at);
            case 5 -> in.substring(0, at) + pick(ODD_TEXT) + in.substring(at + 1);
            case 6 -> in.substring(0, at) + pick(ODD_NUMBERS) + in.substring(to);
            case 7 -> splice(in, at, pick(seeds));
            case 8 -> in.substring(0, at) + in.substring(at, to).toUpperCase(Locale.ROOT) + in.substring(to);
            case 9 -> in.substring(0, at) + in.substring(at, to).repeat(random.nextInt(Math.max(2, 20_000 / (to - at + 1)))) + in.substring(to);
            case 10 -> flipUtf8Byte(in);
            case 11 -> random.nextInt(10) == 0 ? "" : in.strip();
            default -> in.substring(0, at) + in.charAt(random.nextInt(in.length())) + in.substring(at + 1);
        };
    }

    /** The start of one input joined to the rest of another, at the same position. */
    private static String splice(String in, int at, String other) {
        return in.substring(0, at) + other.substring(Math.min(at, other.length()));
    }

    /** A byte of the UTF-8 encoding flipped, decoded back with replacement characters where it broke a sequence. */
    private String flipUtf8Byte(String in) {
        byte[] bytes = in.getBytes(StandardCharsets.UTF_8);
        bytes[random.nextInt(bytes.length)] ^= (byte) (1 << random.nextInt(8));
        return new String(bytes, StandardCharsets.UTF_8);
    }

    private int depth() {
        int[] depths = {2, 50, 999, 1001, 5000, 100_000};
        return depths[random.nextInt(depths.length)];
    }

    private String nested(int depth) {
        return random.nextBoolean() ? "[".repeat(depth) + "]".repeat(depth) : "{\"a\":".repeat(depth) + "1" + "}".repeat(depth);
    }

    private static String unquoted(String raw) {
        return raw.startsWith("\"") && raw.endsWith("\"") && raw.length() >= 2 ? raw.substring(1, raw.length() - 1) : raw;
    }

    private <T> T pick(T[] values) {
        return values[random.nextInt(values.length)];
    }

    private <T> T pick(List<T> values) {
        return values.get(random.nextInt(values.size()));
    }
}
