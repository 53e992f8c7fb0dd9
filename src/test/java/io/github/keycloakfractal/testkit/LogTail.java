package io.github.keycloakfractal.testkit;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** The last lines of a server's log on the test's error output when a test fails, where CI shows them beside the failure. */
final class LogTail {
    private LogTail() {
    }

    static void print(Path log, int count) {
        try {
            List<String> lines = List.of(new String(Files.readAllBytes(log), StandardCharsets.UTF_8).split("\n"));
            System.err.println("---- last log lines of " + log + " ----");
            lines.subList(Math.max(0, lines.size() - count), lines.size()).forEach(System.err::println);
        } catch (IOException e) {
            System.err.println("log (unreadable: " + e.getMessage() + "): " + log);
        }
    }
}
