package io.github.keycloakfractal.keycloak.admin;

import io.github.keycloakfractal.keycloak.http.ApiErrors;
import io.github.keycloakfractal.keycloak.sync.AdminOperations;
import jakarta.ws.rs.ForbiddenException;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.keycloak.events.admin.OperationType;
import org.keycloak.events.admin.ResourceType;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.services.resources.admin.AdminEventBuilder;
import org.keycloak.services.resources.admin.fgap.AdminPermissionEvaluator;

/**
 * {@code /admin/realms/{realm}/fractal/...}: the admin operations, on Keycloak's admin REST API. Keycloak has
 * authenticated the caller already (a token of this realm or of the master realm; 401 otherwise) and built the
 * permission evaluator from the roles <em>in the token</em>; each method asks it exactly what Keycloak's own user API
 * asks: reads need {@code view-users}, runs and re-checks need {@code manage-users} (or fine-grained admin
 * permissions on users granting the same). A refusal is Keycloak's own 403. Runs and re-checks are admin events.
 * Every method carries its own {@code @Path} (Keycloak 23+ answers 405 without one).
 */
public final class FractalAdminResource {
    /** The admin-event resource type of a reconciliation run (Keycloak allows custom types beside its own). */
    static final String RECONCILIATION = "FRACTAL_RECONCILIATION";

    private final KeycloakSession session;
    private final RealmModel realm;
    private final AdminPermissionEvaluator auth;
    private final AdminEventBuilder adminEvent;
    private final AdminOperations operations;

    FractalAdminResource(KeycloakSession session, RealmModel realm, AdminPermissionEvaluator auth, AdminEventBuilder adminEvent,
                         AdminOperations operations) {
        this.session = session;
        this.realm = realm;
        this.auth = auth;
        this.adminEvent = adminEvent;
        this.operations = operations;
    }

    /** Runs every Fractal provider's reconciliation now; all users may change, so it needs manage on all users. */
    @POST
    @Path("reconcile")
    @Produces(MediaType.APPLICATION_JSON)
    public Response reconcileNow() {
        auth.users().requireManage();
        Response answer = operations.reconcileNow();
        // a run Fractal refused is still a run (recorded as the last run, changed nobody): its event says "failed"
        if (answer.getStatus() == 200 || answer.getStatus() == 503) {
            audit(RECONCILIATION, answer, answer.getStatus() == 200 ? "completed" : "failed");
        }
        return answer;
    }

    /** The last reconciliation of each provider. */
    @GET
    @Path("reconcile")
    @Produces(MediaType.APPLICATION_JSON)
    public Response lastReconciliation() {
        auth.users().requireView();
        return operations.lastRuns();
    }

    /**
     * Compares one user with Fractal (and Kraken) now. As in Keycloak's user API, an unknown id is a 404 only for
     * callers who may query users (so ids cannot be probed), and the user must be one the caller may manage.
     */
    @POST
    @Path("users/{id}/recheck")
    @Produces(MediaType.APPLICATION_JSON)
    public Response recheck(@PathParam("id") String userId) {
        UserModel user = session.users().getUserById(realm, userId);
        if (user == null) {
            if (!auth.users().canQuery()) {
                throw new ForbiddenException();
            }
            return ApiErrors.error(Response.Status.NOT_FOUND, "user_not_found", "No user of this realm has that id.");
        }
        auth.users().requireManage(user);
        Response answer = operations.recheck(user);
        if (answer.getStatus() == 200) {
            audit(ResourceType.USER.name(), answer, "completed");
        }
        return answer;
    }

    /** Which settings are missing, whether Fractal answers; never a secret. */
    @GET
    @Path("health")
    @Produces(MediaType.APPLICATION_JSON)
    public Response health() {
        auth.users().requireView();
        return operations.health();
    }

    /** An ACTION admin event on the request's own path (e.g. {@code fractal/users/<id>/recheck}), with the answer as representation. */
    private void audit(String resourceType, Response answer, String outcome) {
        adminEvent.operation(OperationType.ACTION).resource(resourceType).resourcePath(session.getContext().getUri())
                .representation(answer.getEntity()).detail("outcome", outcome).success();
    }
}
