package io.github.keycloakfractal.fractal.kyc;

/**
 * A caller-chosen value quoted in an error message: cut to a short prefix and stripped of control characters, because
 * such messages reach log lines and 400 answers, where a megabyte or a forged line break does not belong.
 */
final class Excerpt {
    private static final int LIMIT = 64;

    private Excerpt() {
    }

    static String of(String value) {
        if (value == null) {
            return "null";
        }
        StringBuilder shown = new StringBuilder();
        value.codePoints().limit(LIMIT).forEach(c -> shown.appendCodePoint(Character.isISOControl(c) ? '?' : c));
        return value.codePointCount(0, value.length()) > LIMIT ? shown + "..." : shown.toString();
    }
}
