package io.github.keycloakfractal.keycloak.credentials;

import io.github.keycloakfractal.keycloak.settings.CredentialSettings;
import org.keycloak.models.RealmModel;

import java.util.Optional;
import java.util.stream.Stream;

/**
 * The names a wallet challenge shows. A realm's display name is whatever an admin typed (blank, several lines, HTML,
 * emoji); the challenge is free text and takes it on one line, but Fractal's authorization message has a strict
 * grammar, so the first name that fits it is used (the configured application name, the display name, the realm name)
 * and with none the message is simply not offered: the challenge still works.
 */
final class RealmNames {
    private static final int MAX_LENGTH = 100;

    private RealmNames() {
    }

    /** The display name on one line (control characters become spaces), or the realm's name when it is blank. */
    static String displayName(RealmModel realm) {
        String shown = oneLine(realm.getDisplayName());
        return shown.isEmpty() ? realm.getName() : shown;
    }

    /** Fractal's authorization message for the realm's requirement, under the first of the names its grammar accepts. */
    static Optional<String> authorizationMessage(CredentialSettings settings, String appName, String realmName, String clientId) {
        return Stream.of(appName, realmName).map(RealmNames::oneLine).filter(name -> !name.isEmpty())
                .map(name -> message(settings, name, clientId)).flatMap(Optional::stream).findFirst();
    }

    private static Optional<String> message(CredentialSettings settings, String appName, String clientId) {
        try {
            return Optional.of(settings.requirement().message(appName, clientId).build().text());
        } catch (IllegalArgumentException unfit) { // CredentialException: the grammar refuses the name
            return Optional.empty();
        }
    }

    private static String oneLine(String text) {
        if (text == null) {
            return "";
        }
        String line = text.replaceAll("\\p{Cntrl}|\\p{Zl}|\\p{Zp}", " ").replaceAll("\\s+", " ").strip();
        return line.codePointCount(0, line.length()) <= MAX_LENGTH ? line : line.substring(0, line.offsetByCodePoints(0, MAX_LENGTH)).strip();
    }
}
