package io.github.keycloakfractal.fractal.credentials;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The line structure of a credentials message (see {@link CredentialMessage}): which lines exist, in which order, and
 * how a country list is split into {@code Name (CC)} entries. It refuses only structure, with
 * {@code invalid_message_schema}, and hands the raw level and country texts on; whether they mean anything (a known
 * level, a real country, a restriction the level allows) is {@link CredentialMessage}'s check, because Fractal reports
 * structure errors before those.
 */
final class CredentialMessageGrammar {
    static final String HEADER_START = "I authorize ";
    static final String HEADER_END = " to get a proof from Fractal that:";
    static final String LEVEL_START = "- I passed ";
    static final String CITIZENSHIP = "- I am not a citizen of the following countries:";
    static final String RESIDENCY = "- I am not a resident of the following countries:";
    private static final Pattern LEVEL_LINE = Pattern.compile("- I passed (KYC|KYB) level (\\S+)");
    /**
     * One {@code Name (CC)} entry followed by the separator or the end. Names may hold parentheses ("Myanmar (Burma)")
     * but no comma, so a broken separator is a schema error and not a strange name; ISO's inverted forms such as
     * "Iran, Islamic Republic of" therefore cannot be written.
     */
    private static final Pattern ENTRY = Pattern.compile("\\G([^\\s,][^,]*?) \\(([^()]*)\\)(, |\\z)");

    /** A message's parts as written; each country entry is {@code [name, code]}. */
    record Lines(String appName, String clientId, CredentialMessage.Kind kind, String level, List<String[]> citizenship,
                 List<String[]> residency, CredentialMessage.DataSharing dataSharing) {
    }

    private CredentialMessageGrammar() {
    }

    static Lines read(String text) {
        if (text == null) {
            throw schema("no message");
        }
        String[] lines = text.split("\n", -1);
        if (lines.length < 2) {
            throw schema("a message has at least the authorization and the level line");
        }
        String[] header = header(lines[0]);
        Matcher levelLine = LEVEL_LINE.matcher(lines[1]);
        if (!levelLine.matches()) {
            throw schema("second line must be '- I passed KYC|KYB level <level>'");
        }
        int next = 2;
        List<String[]> citizenship = List.of();
        List<String[]> residency = List.of();
        if (next < lines.length && lines[next].startsWith(CITIZENSHIP)) {
            citizenship = entries(lines[next++].substring(CITIZENSHIP.length()));
        }
        if (next < lines.length && lines[next].startsWith(RESIDENCY)) {
            residency = entries(lines[next++].substring(RESIDENCY.length()));
        }
        CredentialMessage.DataSharing sharing = CredentialMessage.DataSharing.NONE;
        if (next < lines.length) {
            for (CredentialMessage.DataSharing candidate
                    : List.of(CredentialMessage.DataSharing.GRANTED, CredentialMessage.DataSharing.GRANTED_KYC_WORDING)) {
                if (candidate.line().equals(lines[next])) {
                    sharing = candidate;
                    next++;
                    break;
                }
            }
        }
        if (next != lines.length) {
            throw schema("unexpected line " + (next + 1) + (lines[next].isEmpty() ? " (empty; a trailing newline?)" : ""));
        }
        return new Lines(header[0], header[1], CredentialMessage.Kind.valueOf(levelLine.group(1)), levelLine.group(2),
                citizenship, residency, sharing);
    }

    static String checkAppName(String appName) {
        if (appName == null || appName.isBlank() || !appName.strip().equals(appName) || appName.contains("\n")
                || appName.contains("\r")) {
            throw schema("the app name must be a non-blank single line without surrounding spaces: '" + appName + "'");
        }
        return appName;
    }

    static String checkClientId(String clientId) {
        if (clientId == null || clientId.isEmpty() || !clientId.matches("[^\\s()]+")) {
            throw schema("the client id must be non-empty, without spaces or parentheses: '" + clientId + "'");
        }
        return clientId;
    }

    static CredentialException schema(String detail) {
        return new CredentialException(CredentialError.INVALID_MESSAGE_SCHEMA, detail);
    }

    /** {@code [appName, clientId]} of the first line; the client id is the last parenthesised part. */
    private static String[] header(String line) {
        if (line.length() < HEADER_START.length() + HEADER_END.length() + 1 || !line.startsWith(HEADER_START)
                || !line.endsWith(")" + HEADER_END)) {
            throw schema("first line must be 'I authorize <app name> (<client id>) to get a proof from Fractal that:'");
        }
        String middle = line.substring(HEADER_START.length(), line.length() - HEADER_END.length());
        int open = middle.lastIndexOf(" (");
        if (open < 0) {
            throw schema("no client id in parentheses on the first line");
        }
        // checked here as well as in the constructor, so a bad header is reported before any level or country error
        return new String[] {checkAppName(middle.substring(0, open)), checkClientId(middle.substring(open + 2, middle.length() - 1))};
    }

    /** Raw {@code [name, code]} pairs of a country line, after the line's fixed start. */
    private static List<String[]> entries(String rest) {
        if (!rest.startsWith(" ") || rest.isBlank()) {
            throw schema("a country line needs at least one 'Name (CC)'; leave the line out to skip the restriction");
        }
        String list = rest.substring(1);
        List<String[]> entries = new ArrayList<>();
        Matcher matcher = ENTRY.matcher(list);
        int end = 0;
        while (end < list.length() && matcher.find()) {
            entries.add(new String[] {matcher.group(1), matcher.group(2)});
            end = matcher.end();
            if (matcher.group(3).isEmpty()) {
                break;
            }
        }
        if (end != list.length() || list.endsWith(", ")) {
            throw schema("country list must be 'Name (CC)' entries separated by ', ': '" + list + "'");
        }
        return entries;
    }
}
