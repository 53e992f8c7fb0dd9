package io.github.keycloakfractal.keycloak.broker;

import io.github.keycloakfractal.testkit.Browser;
import io.github.keycloakfractal.testkit.FractalRealm;
import io.github.keycloakfractal.testkit.FractalSignIn;
import io.github.keycloakfractal.testkit.pages.KeycloakLoginPage;
import org.openqa.selenium.By;

/**
 * A sandbox user's first "Verify with Fractal" into the account console, reporting where it ended: straight in the
 * console, or on Keycloak's "Update Account Information" form (which nobody fills in here, unlike
 * {@link FractalSignIn}), so a test can say that a profile was complete without a form.
 */
final class FirstLogin {
    static final String CONSOLE = "account console";
    static final String PROFILE_FORM = "profile form";

    private FirstLogin() {
    }

    static String as(Browser browser, FractalRealm realm, String userKey, String screenshot) {
        browser.open(realm.accountConsoleUrl());
        new KeycloakLoginPage(browser).verifyWithFractal().as(userKey).approve();
        String landed = browser.waitFor(d -> d.getCurrentUrl().startsWith(realm.accountConsoleUrl()) ? CONSOLE
                : !d.findElements(By.id("kc-idp-review-profile-form")).isEmpty() ? PROFILE_FORM : null);
        if (landed.equals(CONSOLE)) {
            FractalSignIn.awaitAccountConsole(browser, realm);
            browser.waitFor(d -> d.findElements(By.tagName("h1")).isEmpty() ? null : true);
        }
        browser.screenshot(screenshot);
        return landed;
    }
}
