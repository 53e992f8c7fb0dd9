package io.github.keycloakfractal.testkit;

import io.github.keycloakfractal.testkit.pages.KeycloakLoginPage;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

import java.util.List;

/**
 * A person signing in to the realm's account console with "Verify with Fractal" as one of the sandbox users. If
 * Keycloak asks them to review their profile (an institution has no family name, which the default user profile
 * requires), they fill in what is missing, as a person would.
 */
public final class FractalSignIn {
    private FractalSignIn() {
    }

    public static void signIn(Browser browser, FractalRealm realm, String userKey) {
        browser.open(realm.accountConsoleUrl());
        new KeycloakLoginPage(browser).verifyWithFractal().as(userKey).approve();
        // Selenium's wait treats FALSE as "not yet", so the outcome is a word
        String landed = browser.waitFor(d -> d.getCurrentUrl().startsWith(realm.accountConsoleUrl()) ? "console"
                : !d.findElements(By.id("kc-idp-review-profile-form")).isEmpty() ? "review" : null);
        if (landed.equals("review")) {
            List<WebElement> lastName = browser.driver().findElements(By.id("lastName"));
            if (!lastName.isEmpty() && lastName.get(0).getAttribute("value").isBlank()) {
                lastName.get(0).sendKeys("Representative");
            }
            browser.driver().findElement(By.cssSelector("#kc-idp-review-profile-form [type=submit]")).click();
        }
        awaitAccountConsole(browser, realm);
    }

    /** Signs in with a fresh browser and returns the test app's tokens for that user. */
    public static UserTokens signInAndGetTokens(FractalRealm realm, String userKey) throws Exception {
        try (Browser browser = Browser.open()) {
            signIn(browser, realm, userKey);
            return new UserTokens(new TestApp(realm).tokensFor(browser));
        }
    }

    public static void awaitAccountConsole(Browser browser, FractalRealm realm) {
        browser.waitFor(d -> d.getCurrentUrl().startsWith(realm.accountConsoleUrl()) ? true : null);
        browser.waitFor(d -> d.getTitle().toLowerCase().contains("account") ? true : null);
    }
}
