package io.github.keycloakfractal.keycloak.kraken;

import io.github.keycloakfractal.fractal.kyc.KycLevel;
import io.github.keycloakfractal.fractal.kyc.KycStatus;
import io.github.keycloakfractal.keycloak.kyc.StoredKyc;
import jakarta.ws.rs.core.Response;
import org.keycloak.authentication.RequiredActionContext;

import java.util.HashMap;
import java.util.Map;

/**
 * The {@code fractal-kyc.ftl} page in its phases: start (why, and the link to Fractal), the decision (pending or
 * rejected, with Fractal's note), and unavailable (Kraken is not configured). The template ships in the JAR's
 * theme resources, so it renders in whatever login theme the realm uses.
 */
final class JourneyPage {
    static final String TEMPLATE = "fractal-kyc.ftl";

    private JourneyPage() {
    }

    static Response start(RequiredActionContext context, String journeyLink, KycLevel level) {
        Map<String, Object> page = phase("start");
        page.put("journeyUrl", journeyLink);
        page.put("level", level.toString());
        return render(context, page);
    }

    static Response decision(RequiredActionContext context, KycStatus status, boolean mayContinue) {
        Map<String, Object> page = phase(status == KycStatus.REJECTED ? "rejected" : "pending");
        page.put("note", StoredKyc.of(context.getUser()).note().orElse(""));
        page.put("mayContinue", mayContinue);
        return render(context, page);
    }

    static Response unavailable(RequiredActionContext context) {
        return render(context, phase("unavailable"));
    }

    private static Map<String, Object> phase(String phase) {
        Map<String, Object> page = new HashMap<>();
        page.put("phase", phase);
        page.put("note", "");
        page.put("mayContinue", false);
        return page;
    }

    private static Response render(RequiredActionContext context, Map<String, Object> page) {
        return context.form().setAttribute("fractalKyc", page).createForm(TEMPLATE);
    }
}
