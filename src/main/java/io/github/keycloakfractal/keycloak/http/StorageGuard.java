package io.github.keycloakfractal.keycloak.http;

import jakarta.persistence.PersistenceException;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.ModelException;

import java.sql.SQLException;
import java.util.function.Supplier;

/**
 * When Keycloak's database cannot be reached (restarting, failing over, out of connections), an endpoint Fractal or a
 * browser calls answers 503 with the extension's JSON error, so Fractal delivers again later and a dApp can retry,
 * instead of Keycloak's generic 500. Nothing is half-applied: the request's transaction is rolled back.
 */
public final class StorageGuard {
    private static final Logger LOG = Logger.getLogger(StorageGuard.class);

    private StorageGuard() {
    }

    public static Response around(KeycloakSession session, Supplier<Response> endpoint) {
        try {
            return endpoint.get();
        } catch (RuntimeException failure) {
            if (!isStorageFailure(failure)) {
                throw failure;
            }
            LOG.warnf("Answered 503: Keycloak's database is unavailable (%s)", failure.getClass().getSimpleName());
            session.getTransactionManager().setRollbackOnly();
            return ApiErrors.error(Response.Status.SERVICE_UNAVAILABLE, "temporarily_unavailable",
                    "Keycloak's database is unavailable right now; try again later.");
        }
    }

    static boolean isStorageFailure(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof PersistenceException || cause instanceof SQLException || cause instanceof ModelException) {
                return true;
            }
        }
        return false;
    }
}
