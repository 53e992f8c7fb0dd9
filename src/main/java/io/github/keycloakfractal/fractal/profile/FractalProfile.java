package io.github.keycloakfractal.fractal.profile;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Optional;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * Who a Fractal user is, read from either user-info shape. v1 ({@code /users/me}) carries {@code person} or
 * {@code institution} objects; v2 ({@code /v2/users/me}) carries the same facts only inside verification-case
 * {@code details}. Both may appear in one document, so the reader takes v1 fields first and falls back to details.
 *
 * <p>The brokered identity is the {@code uid}: emails change and may be unverified, the uid does not.
 */
public record FractalProfile(
        String uid,
        Optional<String> email,
        boolean emailVerified,
        AccountType accountType,
        Optional<String> fullName,
        Optional<String> companyName,
        Optional<CountryCode> country,
        Optional<Boolean> accreditedInvestor) {

    public static FractalProfile parse(JsonNode userInfo) {
        if (userInfo == null || !userInfo.isObject()) {
            throw new FractalResponseException("user info is not a JSON object");
        }
        String uid = text(userInfo.get("uid"))
                .orElseThrow(() -> new FractalResponseException("user info has no uid (is the uid:read scope granted?)"));
        JsonNode person = objectOrNull(userInfo.get("person"));
        JsonNode institution = objectOrNull(userInfo.get("institution"));
        JsonNode subject = person != null ? person : institution;
        Optional<JsonNode> email = loginEmail(userInfo);
        boolean isInstitution = institution != null && person == null
                || subject == null && details(userInfo).anyMatch(d -> d.hasNonNull("company_name"));

        return new FractalProfile(
                uid,
                email.flatMap(e -> text(e.get("address"))),
                email.map(e -> "registration".equals(e.path("source_type").asText())).orElse(false),
                isInstitution ? AccountType.INSTITUTION : AccountType.PERSON,
                firstText(field(person, "full_name"), detail(userInfo, "full_name")),
                firstText(field(institution, "company_name"), detail(userInfo, "company_name")),
                firstText(field(subject, "residential_address_country"), detail(userInfo, "residential_address_country"),
                        detail(userInfo, "identification_document_country")).flatMap(CountryCode::parse),
                bool(subject == null ? null : subject.get("accredited_investor")).or(() -> details(userInfo)
                        .map(d -> d.get("accredited_investor")).map(FractalProfile::bool)
                        .flatMap(Optional::stream).findFirst()));
    }

    /** Given name for Keycloak: everything before the last space of a person's full name; for a company, as {@code companies} says. */
    public Optional<String> firstName(CompanyNames companies) {
        if (accountType == AccountType.INSTITUTION) {
            return companyName.flatMap(companies::firstName).or(() -> fullName);
        }
        return fullName.map(name -> name.contains(" ") ? name.substring(0, name.lastIndexOf(' ')) : name);
    }

    /** Family name for Keycloak: the last word of a person's full name; for a company, as {@code companies} says. */
    public Optional<String> lastName(CompanyNames companies) {
        if (accountType == AccountType.INSTITUTION) {
            return companyName.flatMap(companies::lastName);
        }
        return fullName.filter(name -> name.contains(" ")).map(name -> name.substring(name.lastIndexOf(' ') + 1));
    }

    /** v2 marks the verified login address {@code registration}; v1 lists addresses without saying, so none is verified. */
    private static Optional<JsonNode> loginEmail(JsonNode userInfo) {
        Stream<JsonNode> emails = elements(userInfo.get("emails")).filter(e -> text(e.get("address")).isPresent());
        return emails.filter(e -> !"obsolete".equals(e.path("source_type").asText()))
                .min((a, b) -> Boolean.compare(!"registration".equals(a.path("source_type").asText()),
                        !"registration".equals(b.path("source_type").asText())));
    }

    private static Stream<JsonNode> details(JsonNode userInfo) {
        return Stream.concat(elements(userInfo.get("verification_cases")), elements(userInfo.get("verifications")))
                .map(c -> c.get("details")).filter(d -> d != null && d.isObject());
    }

    private static Optional<String> detail(JsonNode userInfo, String name) {
        return details(userInfo).map(d -> text(d.get(name))).flatMap(Optional::stream).findFirst();
    }

    private static Optional<String> field(JsonNode object, String name) {
        return object == null ? Optional.empty() : text(object.get(name));
    }

    @SafeVarargs
    private static Optional<String> firstText(Optional<String>... candidates) {
        return Stream.of(candidates).flatMap(Optional::stream).findFirst();
    }

    private static Optional<String> text(JsonNode node) {
        return node != null && node.isTextual() && !node.asText().isBlank() ? Optional.of(node.asText().trim()) : Optional.empty();
    }

    private static Optional<Boolean> bool(JsonNode node) {
        if (node == null || node.isNull()) {
            return Optional.empty();
        }
        if (node.isBoolean()) {
            return Optional.of(node.asBoolean());
        }
        String value = node.asText().trim();
        return "true".equalsIgnoreCase(value) ? Optional.of(true) : "false".equalsIgnoreCase(value) ? Optional.of(false) : Optional.empty();
    }

    private static JsonNode objectOrNull(JsonNode node) {
        return node != null && node.isObject() ? node : null;
    }

    private static Stream<JsonNode> elements(JsonNode node) {
        return node != null && node.isArray() ? StreamSupport.stream(node.spliterator(), false) : Stream.empty();
    }
}
