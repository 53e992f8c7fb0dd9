package io.github.keycloakfractal.fractal.credentials;

import io.github.keycloakfractal.fractal.kyc.KycLevel;
import io.github.keycloakfractal.fractal.profile.CountryCode;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

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

        /** The line as written, null for {@link #NONE}. */
        String line() {
            return line;
        }
    }

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
        this.appName = CredentialMessageGrammar.checkAppName(appName);
        this.clientId = CredentialMessageGrammar.checkClientId(clientId);
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
        CredentialMessageGrammar.Lines lines = CredentialMessageGrammar.read(text);
        KycLevel level = parseLevel(lines.level());
        CredentialMessage message = new CredentialMessage(lines.appName(), lines.clientId(), lines.kind(), level,
                countries(lines.citizenship()), countries(lines.residency()), lines.dataSharing());
        if (!message.text.equals(text)) {
            throw CredentialMessageGrammar.schema("the message does not render back to itself");
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
        lines.add(CredentialMessageGrammar.HEADER_START + appName + " (" + clientId + ")" + CredentialMessageGrammar.HEADER_END);
        lines.add(CredentialMessageGrammar.LEVEL_START + kind.name() + " level " + level);
        if (!notCitizenOf.isEmpty()) {
            lines.add(CredentialMessageGrammar.CITIZENSHIP + " " + join(notCitizenOf));
        }
        if (!notResidentOf.isEmpty()) {
            lines.add(CredentialMessageGrammar.RESIDENCY + " " + join(notResidentOf));
        }
        if (dataSharing != DataSharing.NONE) {
            lines.add(dataSharing.line);
        }
        return String.join("\n", lines);
    }

    private static String join(List<ListedCountry> countries) {
        return String.join(", ", countries.stream().map(ListedCountry::toString).toList());
    }

    private static List<ListedCountry> countries(List<String[]> entries) {
        return entries.stream().map(entry -> ListedCountry.parse(entry[0], entry[1])).toList();
    }

    private static KycLevel parseLevel(String text) {
        CredentialLevel.of(text);
        return KycLevel.parse(text);
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
