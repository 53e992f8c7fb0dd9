package io.github.keycloakfractal.testkit;

import com.sun.security.auth.module.UnixSystem;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The operating-system account PostgreSQL's programs run under. PostgreSQL refuses to run as root, and CI runs as
 * root: there the commands go through {@code runuser} to a system account made for the purpose (created once, with
 * no home and no login shell). Anyone else runs them as themselves.
 */
final class PostgresAccount {
    /** The system account used when the tests run as root. */
    static final String SYSTEM_USER = "kcfractal-pg";

    private final boolean root;

    private PostgresAccount(boolean root) {
        this.root = root;
    }

    /** The account for this JVM's user; as root, the system account exists when this returns. */
    static PostgresAccount forCurrentUser() throws IOException {
        PostgresAccount account = new PostgresAccount(new UnixSystem().getUid() == 0);
        if (account.root && Commands.run(List.of("id", "-u", SYSTEM_USER)).exitCode() != 0) {
            Commands.require(List.of("useradd", "--system", "--no-create-home", "--home-dir", "/nonexistent",
                    "--shell", "/usr/sbin/nologin", SYSTEM_USER), "create the PostgreSQL account");
        }
        return account;
    }

    /** The command as this account runs it. */
    List<String> command(List<String> command) {
        if (!root) {
            return command;
        }
        List<String> wrapped = new ArrayList<>(List.of("runuser", "-u", SYSTEM_USER, "--"));
        wrapped.addAll(command);
        return wrapped;
    }

    /** Hands a directory (made by this JVM) to the account, so PostgreSQL may write there. */
    void own(Path directory) throws IOException {
        if (root) {
            Commands.require(List.of("chown", "-R", SYSTEM_USER + ":", directory.toString()), "hand " + directory + " to " + SYSTEM_USER);
        }
    }

    /** Whether the account can enter {@code directory} (as root, a checkout under a private home may be out of reach). */
    boolean canEnter(Path directory) throws IOException {
        return Commands.run(command(List.of("test", "-x", directory.toString()))).exitCode() == 0;
    }
}
