package io.github.keycloakfractal.sandbox;

/**
 * Kraken's journey page, where the sandbox lets the person pick the review's outcome instead of showing documents
 * and a camera. Browser tests find the controls by id: {@code #kraken-approve}, {@code #kraken-pending},
 * {@code #kraken-reject} (buttons named {@value #DECISION} with Kraken's statuses as values) and {@code #kraken-note}
 * (an optional note, e.g. why the review was rejected). The form carries only the journey id; level and state stay
 * on the server.
 */
final class KrakenJourneyPage {
    static final String JOURNEY = "journey";
    static final String DECISION = "decision";
    static final String NOTE = "note";

    private KrakenJourneyPage() {
    }

    static String journey(KrakenJourneyEndpoint.Link link, String journeyId) {
        StringBuilder body = new StringBuilder()
                .append("<h1>Kraken KYC</h1>\n")
                .append("<p>The client <strong>").append(Html.escape(link.clientId()))
                .append("</strong> asks you to verify your identity.</p>\n<table>\n");
        row(body, "Client", link.clientId(), "kraken-client");
        row(body, "Level", link.level(), "kraken-level");
        row(body, "Link form", link.form(), "kraken-form");
        row(body, "State", link.state() == null ? "(none)" : link.state(), "kraken-state");
        body.append("</table>\n<form method=\"post\" action=\"").append(KrakenJourneyEndpoint.PATH).append("\">\n")
                .append("<input type=\"hidden\" name=\"").append(JOURNEY).append("\" value=\"")
                .append(Html.escape(journeyId)).append("\">\n")
                .append("<label for=\"kraken-note\">Reviewer's note (optional, e.g. why it was rejected)</label>\n")
                .append("<input type=\"text\" id=\"kraken-note\" name=\"").append(NOTE).append("\">\n")
                .append("<div class=\"actions\">")
                .append(button("kraken-approve", "approved", "Approve"))
                .append(button("kraken-pending", "pending", "Leave pending"))
                .append(button("kraken-reject", "rejected", "Reject"))
                .append("</div>\n</form>\n")
                .append("<p class=\"note\">A test double of Kraken: no documents, no camera. Your choice becomes the ")
                .append("review's outcome and you return to the client with a one-time token.</p>");
        return Html.page(body.toString());
    }

    private static String button(String id, String status, String label) {
        return "<button id=\"" + id + "\" name=\"" + DECISION + "\" value=\"" + status + "\">" + label + "</button>";
    }

    private static void row(StringBuilder body, String name, String value, String id) {
        body.append("<tr><td>").append(Html.escape(name)).append("</td><td id=\"").append(id).append("\">")
                .append(Html.escape(value)).append("</td></tr>\n");
    }
}
