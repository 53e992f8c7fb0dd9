package io.github.keycloakfractal.fractal.credentials;

import io.github.keycloakfractal.fractal.kyc.KycLevel;
import io.github.keycloakfractal.fractal.profile.CountryCode;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The text a user signs with {@code personal_sign} to let an app get a Fractal proof (fractal-api.md section 8):
 * <pre>
 * I authorize &lt;app name&gt; (&lt;client id&gt;) to get a proof from Fractal that:
 * - I passed &lt;KYC|KYB&gt; level &lt;level&gt;[+&lt;addon&gt;]*
 * [- I am not a citizen of the following countries: &lt;Name&gt; (&lt;CC&gt;)[, &lt;Name&gt; (&lt;CC&gt;)]*]
 * [- I am not a resident of the following countries: &lt;Name&gt; (&lt;CC&gt;)[, &lt;Name&gt; (&lt;CC&gt;)]*]
 * [I also allow access to my data that was used to pass this level.]
 * </pre>
 * Lines are joined with {@code \n}, without a trailing newline. The signature covers the exact bytes, so nothing is
 * normalised: a parsed message renders back to exactly the text it was parsed from (the older data-sharing wording
 * "this KYC level." and the country names as written are kept), and text that would not render back to itself is
 * refused.
 *
 * <p>Refusals carry Fractal's codes and are checked in Fractal's order: the whole structure first
 * ({@code invalid_message_schema}), then the level ({@code invalid_level}), the countries ({@code invalid_country}) and
 * last whether the level allows the restrictions ({@code invalid_configuration}). A country line with an empty list
 * is a schema error: the grammar requires at least one entry, and the way to skip a restriction is to leave the line
 * out.
 */
public final class CredentialMessage {
    /** What Fractal verified: a person (KYC) or a company through its representative (KYB). */
    public enum Kind { KYC, KYB }

    /** The optional last line granting the app dashboard access to the data behind the level. */
    public enum DataSharing {
        NONE(null),
        /** The wording since 2022-12-28, used when building. */
        GRANTED("I also allow access to my data that was used to pass this level."),
        /** The wording of 2022-12-08 ("this KYC level."), still accepted when parsing. */
        GRANTED_KYC_WORDING("I also allow access to my data that was used to pass this KYC level.");

        private final String line;

        DataSharing(String line) {
            this.line = line;
        }
    }

    private static final String HEADER_START = "I authorize ";
    private static final String HEADER_END = " to get a proof from Fractal that:";
    private static final Pattern LEVEL_LINE = Pattern.compile("- I passed (KYC|KYB) level (\\S+)");
    private static final String CITIZENSHIP = "- I am not a citizen of the following countries:";
    private static final String RESIDENCY = "- I am not a resident of the following countries:";
    /**
     * One {@code Name (CC)} entry followed by the separator or the end. Names may hold parentheses ("Myanmar (Burma)")
     * but no comma, so a broken separator is a schema error and not a strange name; ISO's inverted forms such as
     * "Iran, Islamic Republic of" therefore cannot be written.
     */
    private static final Pattern ENTRY = Pattern.compile("\\G([^\\s,][^,]*?) \\(([^()]*)\\)(, |\\z)");

    private final String appName;
    private final String clientId;
    private final Kind kind;
    private final KycLevel level;
    private final CredentialLevel baseLevel;
    private final List<ListedCountry> notCitizenOf;
    private final List<ListedCountry> notResidentOf;
    private final DataSharing dataSharing;
    private final String text;

    private CredentialMessage(String appName, String clientId, Kind kind, KycLevel level, List<ListedCountry> notCitizenOf,
                              List<ListedCountry> notResidentOf, DataSharing dataSharing) {
        this.appName = checkAppName(appName);
        this.clientId = checkClientId(clientId);
        this.kind = Objects.requireNonNull(kind, "kind");
        this.level = Objects.requireNonNull(level, "level");
        this.baseLevel = CredentialLevel.of(level);
        this.notCitizenOf = List.copyOf(notCitizenOf);
        this.notResidentOf = List.copyOf(notResidentOf);
        this.dataSharing = Objects.requireNonNull(dataSharing, "dataSharing");
        checkNoDuplicates(this.notCitizenOf, "citizenship");
        checkNoDuplicates(this.notResidentOf, "residency");
        if (!this.notCitizenOf.isEmpty() && !baseLevel.allowsCitizenshipRestriction()) {
            throw new CredentialException(CredentialError.INVALID_CONFIGURATION,
                    "level " + baseLevel.value() + " allows no citizenship restriction");
        }
        if (!this.notResidentOf.isEmpty() && !baseLevel.allowsResidencyRestriction()) {
            throw new CredentialException(CredentialError.INVALID_CONFIGURATION,
                    "level " + baseLevel.value() + " allows no residency restriction");
        }
        this.text = render();
    }

    /** A builder for a new message; the level must be a credential level such as {@code plus+liveness}. */
    public static Builder builder(String appName, String clientId, KycLevel level) {
        return new Builder(appName, clientId, level);
    }

    /** Reads a message, refusing with the code Fractal would answer (see the class comment for the order). */
    public static CredentialMessage parse(String text) {
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
        DataSharing sharing = DataSharing.NONE;
        if (next < lines.length) {
            for (DataSharing candidate : List.of(DataSharing.GRANTED, DataSharing.GRANTED_KYC_WORDING)) {
                if (candidate.line.equals(lines[next])) {
                    sharing = candidate;
                    next++;
                    break;
                }
            }
        }
        if (next != lines.length) {
            throw schema("unexpected line " + (next + 1) + (lines[next].isEmpty() ? " (empty; a trailing newline?)" : ""));
        }

        KycLevel level = parseLevel(levelLine.group(2));
        CredentialMessage message = new CredentialMessage(header[0], header[1], Kind.valueOf(levelLine.group(1)), level,
                countries(citizenship), countries(residency), sharing);
        if (!message.text.equals(text)) {
            throw schema("the message does not render back to itself");
        }
        return message;
    }

    public String appName() {
        return appName;
    }

    public String clientId() {
        return clientId;
    }

    public Kind kind() {
        return kind;
    }

    /** The full level string, e.g. {@code plus+liveness}. */
    public KycLevel level() {
        return level;
    }

    public CredentialLevel baseLevel() {
        return baseLevel;
    }

    /** Countries whose citizens the proof excludes, in message order; empty when the line is absent. */
    public List<ListedCountry> notCitizenOf() {
        return notCitizenOf;
    }

    /** Countries whose residents the proof excludes, in message order; empty when the line is absent. */
    public List<ListedCountry> notResidentOf() {
        return notResidentOf;
    }

    public DataSharing dataSharing() {
        return dataSharing;
    }

    /** The exact text to sign. */
    public String text() {
        return text;
    }

    @Override
    public String toString() {
        return text;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof CredentialMessage message && message.text.equals(text);
    }

    @Override
    public int hashCode() {
        return text.hashCode();
    }

    private String render() {
        List<String> lines = new ArrayList<>();
        lines.add(HEADER_START + appName + " (" + clientId + ")" + HEADER_END);
        lines.add("- I passed " + kind.name() + " level " + level);
        if (!notCitizenOf.isEmpty()) {
            lines.add(CITIZENSHIP + " " + join(notCitizenOf));
        }
        if (!notResidentOf.isEmpty()) {
            lines.add(RESIDENCY + " " + join(notResidentOf));
        }
        if (dataSharing != DataSharing.NONE) {
            lines.add(dataSharing.line);
        }
        return String.join("\n", lines);
    }

    private static String join(List<ListedCountry> countries) {
        return String.join(", ", countries.stream().map(ListedCountry::toString).toList());
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

    private static List<ListedCountry> countries(List<String[]> entries) {
        return entries.stream().map(entry -> ListedCountry.parse(entry[0], entry[1])).toList();
    }

    private static KycLevel parseLevel(String text) {
        CredentialLevel.of(text);
        return KycLevel.parse(text);
    }

    private static String checkAppName(String appName) {
        if (appName == null || appName.isBlank() || !appName.strip().equals(appName) || appName.contains("\n")
                || appName.contains("\r")) {
            throw schema("the app name must be a non-blank single line without surrounding spaces: '" + appName + "'");
        }
        return appName;
    }

    private static String checkClientId(String clientId) {
        if (clientId == null || clientId.isEmpty() || !clientId.matches("[^\\s()]+")) {
            throw schema("the client id must be non-empty, without spaces or parentheses: '" + clientId + "'");
        }
        return clientId;
    }

    private static void checkNoDuplicates(List<ListedCountry> countries, String restriction) {
        Set<CountryCode> seen = new HashSet<>();
        for (ListedCountry country : countries) {
            if (!seen.add(country.code())) {
                throw new CredentialException(CredentialError.INVALID_COUNTRY,
                        country.code() + " is listed twice in the " + restriction + " restriction");
            }
        }
    }

    private static CredentialException schema(String detail) {
        return new CredentialException(CredentialError.INVALID_MESSAGE_SCHEMA, detail);
    }

    /** Assembles a message; every restriction is optional and an empty list leaves its line out. */
    public static final class Builder {
        private final String appName;
        private final String clientId;
        private final KycLevel level;
        private Kind kind = Kind.KYC;
        private List<ListedCountry> notCitizenOf = List.of();
        private List<ListedCountry> notResidentOf = List.of();
        private DataSharing dataSharing = DataSharing.NONE;

        private Builder(String appName, String clientId, KycLevel level) {
            this.appName = appName;
            this.clientId = clientId;
            this.level = level;
        }

        public Builder kind(Kind kind) {
            this.kind = kind;
            return this;
        }

        /** Excludes citizens of these countries, written in this order under the names of {@link ListedCountry#of}. */
        public Builder notCitizenOf(List<CountryCode> codes) {
            this.notCitizenOf = codes.stream().map(ListedCountry::of).toList();
            return this;
        }

        /** Excludes residents of these countries, written in this order under the names of {@link ListedCountry#of}. */
        public Builder notResidentOf(List<CountryCode> codes) {
            this.notResidentOf = codes.stream().map(ListedCountry::of).toList();
            return this;
        }

        /** Adds the data-sharing line in its current wording ("... this level."). */
        public Builder shareData() {
            return dataSharing(DataSharing.GRANTED);
        }

        public Builder dataSharing(DataSharing dataSharing) {
            this.dataSharing = dataSharing;
            return this;
        }

        /** The message, or a {@link CredentialException} with the code Fractal would refuse it with. */
        public CredentialMessage build() {
            return new CredentialMessage(appName, clientId, kind, level, notCitizenOf, notResidentOf, dataSharing);
        }
    }
}
