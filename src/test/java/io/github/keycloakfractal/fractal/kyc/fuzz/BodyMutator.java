package io.github.keycloakfractal.fractal.kyc.fuzz;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Seeded mutations of valid seed documents for the parser fuzz test: byte flips, truncation, deep nesting, duplicate
 * keys, wrong types, huge numbers, control and non-BMP characters, lone surrogates, invalid UTF-8, empty bodies,
 * splices of two seeds, and edge values of Fractal's fields (extreme timestamps, malformed levels and statuses).
 */
final class BodyMutator {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final String HUGE = "@@huge@@";
    private static final List<String> EDGE_TEXT = List.of("", " ", "+999999999-12-31T23:59:59Z", "+1000000000-12-31T23:59:59.999999999Z",
            "-1000000000-01-01T00:00:00Z", "+1000000001-01-01T00:00:00Z", "2020-02-30T00:00:00Z", "1970-01-01T00:00:00Z", "2020-10-09T10:50:32",
            "basic+", "+", "basic++liveness", "BASIC", "basic liveness", "liveness+basic", "plus+liveness+liveness", "wallet-eth",
            "approved", "APPROVED", "done", "contacted", "expired", "pending", "rejected", "GREEN", "verification_approved",
            "verification_contacted", "email_changed", "\u0000", "\u001f\u007f", "\uD83D\uDE00", "\uD800", "\uDFFF\uD800", "\u2028",
            "\uFEFF", "null", "x".repeat(25_000));
    private static final List<String> HUGE_NUMBERS = List.of("1" + "0".repeat(400), "1" + "0".repeat(5_000), "1e999999999",
            "-1e-999999999", "123456789012345678901234567890", "-0.0", "9223372036854775808", "NaN", "Infinity", "1.5e308", "0x10");
    private static final List<String> INJECTED_PAIRS = List.of("\"type\":\"verification_approved\",", "\"status\":\"approved\",",
            "\"level\":\"basic\",", "\"user_id\":\"u1\",", "\"timestamp\":\"2020-10-09T10:50:32Z\",", "\"id\":\"x\",", "\"data\":{},",
            "\"verification_cases\":[],", "\"credential\":\"approved\",", "\"u1\":\"approved\",");
    private static final List<String> INSERTED = List.of("\u0000", "\u0001", "\u001b[31m", "\n", "\r\n", "\t", "\uD83D\uDE00",
            "\\ud800", "\\u0000", "\uFEFF", "\"", "\\", "{", "}", "[", "]", ",", ":");

    private final Random random;
    private final List<String> seeds;

    BodyMutator(long seed, List<String> seeds) {
        this.random = new Random(seed);
        this.seeds = List.copyOf(seeds);
    }

    /** One mutated body as bytes (what a webhook endpoint reads). */
    byte[] next() {
        String seed = seeds.get(random.nextInt(seeds.size()));
        byte[] body = mutate(seed.getBytes(StandardCharsets.UTF_8), random.nextInt(12));
        if (random.nextInt(4) == 0) {
            body = mutate(body, random.nextInt(11));
        }
        return body;
    }

    /** One mutated body as text (what the statistics client reads); invalid UTF-8 becomes replacement characters. */
    String nextText() {
        return new String(next(), StandardCharsets.UTF_8);
    }

    private byte[] mutate(byte[] body, int kind) {
        return switch (kind) {
            case 0 -> flip(body);
            case 1 -> java.util.Arrays.copyOf(body, body.length == 0 ? 0 : random.nextInt(body.length));
            case 2 -> nest(body);
            case 3 -> insertAfterBrace(body, INJECTED_PAIRS.get(random.nextInt(INJECTED_PAIRS.size())));
            case 4 -> tree(body, this::wrongType);
            case 5 -> tree(body, node -> NODES.textNode(HUGE));
            case 6 -> tree(body, node -> NODES.textNode(EDGE_TEXT.get(random.nextInt(EDGE_TEXT.size()))));
            case 7 -> insert(body, random.nextInt(3) == 0 ? new byte[]{(byte) 0xC3, (byte) 0x28} : bytes(INSERTED.get(random.nextInt(INSERTED.size()))));
            case 8 -> bytes(List.of("", " ", "\n", "null", "0", "[]", "{}", "\"\"", "[{}]", "{\"data\":null}").get(random.nextInt(10)));
            case 9 -> splice(body);
            case 10 -> tree(body, node -> null);
            default -> mutate(mutate(body, random.nextInt(11)), random.nextInt(11));
        };
    }

    private byte[] flip(byte[] body) {
        byte[] flipped = body.clone();
        for (int i = 1 + random.nextInt(4); i > 0 && flipped.length > 0; i--) {
            flipped[random.nextInt(flipped.length)] = (byte) random.nextInt(256);
        }
        return flipped;
    }

    private byte[] nest(byte[] body) {
        int depth = random.nextBoolean() ? 1 + random.nextInt(900) : 900 + random.nextInt(5_000); // Jackson stops at 1000
        String open = random.nextBoolean() ? "[" : "{\"data\":";
        String close = open.equals("[") ? "]" : "}";
        String middle = new String(body, StandardCharsets.UTF_8);
        return bytes(open.repeat(depth) + middle + (random.nextInt(4) == 0 ? "" : close.repeat(depth)));
    }

    private byte[] insertAfterBrace(byte[] body, String pair) {
        String text = new String(body, StandardCharsets.UTF_8);
        List<Integer> braces = new ArrayList<>();
        for (int i = text.indexOf('{'); i >= 0; i = text.indexOf('{', i + 1)) {
            braces.add(i);
        }
        if (braces.isEmpty()) {
            return body;
        }
        int at = braces.get(random.nextInt(braces.size())) + 1;
        return bytes(text.substring(0, at) + pair + text.substring(at));
    }

    private byte[] insert(byte[] body, byte[] inserted) {
        int at = random.nextInt(body.length + 1);
        byte[] result = new byte[body.length + inserted.length];
        System.arraycopy(body, 0, result, 0, at);
        System.arraycopy(inserted, 0, result, at, inserted.length);
        System.arraycopy(body, at, result, at + inserted.length, body.length - at);
        return result;
    }

    private byte[] splice(byte[] body) {
        byte[] other = bytes(seeds.get(random.nextInt(seeds.size())));
        int cut = random.nextInt(body.length + 1);
        int from = random.nextInt(other.length + 1);
        byte[] result = java.util.Arrays.copyOf(body, cut + other.length - from);
        System.arraycopy(other, from, result, cut, other.length - from);
        return result;
    }

    private JsonNode wrongType(JsonNode node) {
        return switch (random.nextInt(8)) {
            case 0 -> NODES.numberNode(random.nextLong());
            case 1 -> NODES.numberNode(random.nextDouble() * 1e300);
            case 2 -> NODES.booleanNode(random.nextBoolean());
            case 3 -> NODES.nullNode();
            case 4 -> NODES.arrayNode().add(node == null ? NODES.nullNode() : node.deepCopy());
            case 5 -> NODES.objectNode().set("value", node == null ? NODES.nullNode() : node.deepCopy());
            case 6 -> NODES.arrayNode();
            default -> NODES.objectNode();
        };
    }

    /** Replaces (or, for a null replacement, removes) one random node of the parsed body; unparseable bodies pass through. */
    private byte[] tree(byte[] body, java.util.function.UnaryOperator<JsonNode> replacement) {
        JsonNode root;
        try {
            root = JSON.readTree(body);
        } catch (IOException notJson) {
            return body;
        }
        if (root == null || !root.isContainerNode() || root.isEmpty()) {
            return body;
        }
        List<JsonNode> containers = new ArrayList<>();
        List<JsonNode> pending = new ArrayList<>(List.of(root));
        while (!pending.isEmpty()) {
            JsonNode next = pending.remove(pending.size() - 1);
            if (next.isContainerNode() && !next.isEmpty()) {
                containers.add(next);
                next.forEach(pending::add);
            }
        }
        JsonNode parent = containers.get(random.nextInt(containers.size()));
        if (parent instanceof ObjectNode object) {
            List<String> names = new ArrayList<>();
            object.fieldNames().forEachRemaining(names::add);
            String name = names.get(random.nextInt(names.size()));
            JsonNode replaced = replacement.apply(object.get(name));
            if (replaced == null) {
                object.remove(name);
            } else {
                object.set(name, replaced);
            }
        } else if (parent instanceof ArrayNode array) {
            int index = random.nextInt(array.size());
            JsonNode replaced = replacement.apply(array.get(index));
            if (replaced == null) {
                array.remove(index);
            } else {
                array.set(index, replaced);
            }
        }
        String text = root.toString();
        return bytes(text.replace("\"" + HUGE + "\"", HUGE_NUMBERS.get(random.nextInt(HUGE_NUMBERS.size()))));
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
