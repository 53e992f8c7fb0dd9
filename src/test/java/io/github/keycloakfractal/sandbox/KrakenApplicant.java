package io.github.keycloakfractal.sandbox;

import java.text.Normalizer;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The body of {@code GET /public/kyc/{userId}/data}. Fractal documents no schema ("structure has changed"), so this
 * follows what integrators' code reads: a Sumsub-applicant-like object with {@code info} (countries ISO alpha-3),
 * {@code review} ({@code reviewResult.reviewAnswer} GREEN when approved, RED when rejected, absent while pending),
 * {@code agreement}, {@code email} and {@code phone}. The person is fake and derived from the user id, so the same
 * user always answers the same data.
 */
final class KrakenApplicant {
    private record Person(String firstName, String lastName, String dob, String country, String placeOfBirth,
                          String idDocType, String phone) {
    }

    private static final List<Person> PEOPLE = List.of(
            new Person("Ada", "Lovelace", "1990-12-10", "GBR", "London", "PASSPORT", "+447700900123"),
            new Person("Jonas", "Weber", "1985-04-23", "DEU", "Hamburg", "ID_CARD", "+4915112345678"),
            new Person("Marta", "Silva", "1992-07-02", "PRT", "Porto", "PASSPORT", "+351912345678"),
            new Person("L\u00e9a", "Dubois", "1978-01-30", "FRA", "Lyon", "ID_CARD", "+33612345678"));

    private KrakenApplicant() {
    }

    static Map<String, Object> of(String userId, SandboxKraken.KrakenUser user) {
        Person person = PEOPLE.get(Math.floorMod(userId.hashCode(), PEOPLE.size()));
        String documentNumber = String.format("C%08X", userId.hashCode());

        Map<String, Object> idDoc = new LinkedHashMap<>();
        idDoc.put("idDocType", person.idDocType());
        idDoc.put("country", person.country());
        idDoc.put("number", documentNumber);
        idDoc.put("issuedDate", "2021-03-15");
        idDoc.put("validUntil", "2031-03-14");

        Map<String, Object> info = new LinkedHashMap<>();
        info.put("firstName", person.firstName());
        info.put("firstNameEn", ascii(person.firstName()));
        info.put("lastName", person.lastName());
        info.put("lastNameEn", ascii(person.lastName()));
        info.put("dob", person.dob());
        info.put("country", person.country());
        info.put("nationality", person.country());
        info.put("placeOfBirth", person.placeOfBirth());
        info.put("idDocs", List.of(idDoc));

        Map<String, Object> review = new LinkedHashMap<>();
        review.put("levelName", user.level());
        review.put("reviewStatus", "pending".equals(user.status()) ? "pending" : "completed");
        if ("approved".equals(user.status())) {
            review.put("reviewResult", Map.of("reviewAnswer", "GREEN"));
        } else if ("rejected".equals(user.status())) {
            Map<String, Object> result = new LinkedHashMap<>();
            result.put("reviewAnswer", "RED");
            result.put("reviewRejectType", "FINAL");
            if (user.note() != null && !user.note().isBlank()) {
                result.put("moderationComment", user.note());
            }
            review.put("reviewResult", result);
        }

        Map<String, Object> applicant = new LinkedHashMap<>();
        applicant.put("id", userId);
        applicant.put("info", info);
        applicant.put("review", review);
        applicant.put("agreement", Map.of("acceptedAt", "2025-04-01 09:30:00"));
        applicant.put("email", ascii(person.firstName()).toLowerCase(Locale.ROOT) + "."
                + ascii(person.lastName()).toLowerCase(Locale.ROOT) + "@example.com");
        applicant.put("phone", person.phone());
        return applicant;
    }

    private static String ascii(String name) {
        return Normalizer.normalize(name, Normalizer.Form.NFD).replaceAll("\\p{M}", "");
    }
}
