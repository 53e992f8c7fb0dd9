package io.github.keycloakfractal.keycloak.cluster;

import io.github.keycloakfractal.sandbox.WebhookSender;

import java.net.http.HttpResponse;
import java.util.List;

/**
 * Fractal's side of a stream of webhooks through a load balancer: each delivery goes to one node and ends either
 * with an answer or with no answer at all (connection refused or cut). Only a 2xx answer tells Fractal the delivery
 * is done; anything else Fractal delivers again later.
 */
final class WebhookStream {
    private WebhookStream() {
    }

    /** One notification: which Fractal user it is about and the signed bytes. */
    record Delivery(String uid, byte[] body) {
    }

    /** How one attempt ended: the node's name, the status (0: no answer) and the body or the failure. */
    record Outcome(Delivery delivery, String node, int status, String body) {
        boolean acknowledged() {
            return status / 100 == 2;
        }

        @Override
        public String toString() {
            return delivery.uid() + " at " + node + ": " + (status == 0 ? "no answer (" + body + ")" : status + " " + body);
        }
    }

    /** Delivers once; a connection that fails is an outcome too, not an exception. */
    static Outcome deliver(Delivery delivery, WebhookSender sender, String node) {
        try {
            HttpResponse<String> answer = sender.deliver(delivery.body());
            return new Outcome(delivery, node, answer.statusCode(), answer.body());
        } catch (IllegalStateException noAnswer) {
            Throwable cause = noAnswer.getCause() == null ? noAnswer : noAnswer.getCause();
            return new Outcome(delivery, node, 0, cause.getClass().getSimpleName());
        }
    }

    static List<Outcome> acknowledged(List<Outcome> outcomes) {
        return outcomes.stream().filter(Outcome::acknowledged).toList();
    }

    static List<Outcome> unacknowledged(List<Outcome> outcomes) {
        return outcomes.stream().filter(outcome -> !outcome.acknowledged()).toList();
    }
}
