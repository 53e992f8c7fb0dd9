package io.github.keycloakfractal.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Comparator;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Directory chores of the test harness. Copies keep every file's modification time: Keycloak compares provider
 * JAR times with those of its last build, so a copied but unchanged JAR must not look new (a needless build costs
 * tens of seconds per node).
 */
final class Directories {
    private Directories() {
    }

    static void deleteRecursively(Path directory) throws IOException {
        if (!Files.exists(directory, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(directory)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> {
                try {
                    Files.delete(path);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }

    /**
     * Makes {@code target} hold what {@code source} holds, except the entries named in {@code skipped} (paths relative
     * to both, such as {@code lib/quarkus}): files whose size or time differ are copied (time kept), files and folders
     * {@code source} lacks are removed. Skipped entries of {@code target} are left as they are.
     */
    static void mirror(Path source, Path target, Set<String> skipped) throws IOException {
        Files.createDirectories(target);
        Files.walkFileTree(source, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attributes) throws IOException {
                if (isSkipped(source, dir, skipped)) {
                    return FileVisitResult.SKIP_SUBTREE;
                }
                Files.createDirectories(target.resolve(source.relativize(dir).toString()));
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) throws IOException {
                Path copy = target.resolve(source.relativize(file).toString());
                if (!isSkipped(source, file, skipped) && !sameFile(file, attributes, copy)) {
                    Files.copy(file, copy, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.COPY_ATTRIBUTES);
                }
                return FileVisitResult.CONTINUE;
            }
        });
        removeExtra(source, target, skipped);
    }

    private static void removeExtra(Path source, Path target, Set<String> skipped) throws IOException {
        try (Stream<Path> paths = Files.walk(target)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Path relative = target.relativize(path);
                if (relative.toString().isEmpty() || isSkipped(target, path, skipped) || isAboveSkipped(relative, skipped)) {
                    continue;
                }
                if (!Files.exists(source.resolve(relative.toString()), LinkOption.NOFOLLOW_LINKS)) {
                    deleteRecursively(path);
                }
            }
        }
    }

    private static boolean isSkipped(Path root, Path path, Set<String> skipped) {
        Path relative = root.relativize(path);
        for (int i = 1; i <= relative.getNameCount() && !relative.toString().isEmpty(); i++) {
            if (skipped.contains(relative.subpath(0, i).toString())) {
                return true;
            }
        }
        return false;
    }

    /** A folder holding a skipped entry (e.g. {@code lib} for {@code lib/quarkus}) is never removed as a whole. */
    private static boolean isAboveSkipped(Path relative, Set<String> skipped) {
        return skipped.stream().anyMatch(entry -> Path.of(entry).startsWith(relative));
    }

    private static boolean sameFile(Path file, BasicFileAttributes attributes, Path copy) throws IOException {
        if (!Files.isRegularFile(copy)) {
            return false;
        }
        BasicFileAttributes existing = Files.readAttributes(copy, BasicFileAttributes.class);
        return existing.size() == attributes.size()
                && existing.lastModifiedTime().toMillis() == attributes.lastModifiedTime().toMillis();
    }
}
