package io.github.keycloakfractal.testkit.pages;

import io.github.keycloakfractal.testkit.Browser;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

/** The fractal-kyc required action's page: start, pending, rejected or unavailable. */
public final class KycActionPage {
    private final Browser browser;
    private final WebElement root;

    public KycActionPage(Browser browser) {
        this.browser = browser;
        this.root = browser.waitFor(ExpectedConditions.visibilityOfElementLocated(By.id("fractal-kyc")));
    }

    public String phase() {
        return root.getAttribute("data-phase");
    }

    public String text() {
        return browser.driver().findElement(By.id("fractal-kyc-text")).getText();
    }

    public String note() {
        return browser.driver().findElement(By.id("fractal-kyc-note")).getText();
    }

    public boolean isHeld() {
        return !browser.driver().findElements(By.id("fractal-kyc-held")).isEmpty();
    }

    public boolean canContinue() {
        return !browser.driver().findElements(By.id("fractal-kyc-continue")).isEmpty();
    }

    /** Follows the link to Fractal's journey. */
    public void start() {
        leaveBy("fractal-kyc-start");
    }

    public void checkAgain() {
        leaveBy("fractal-kyc-check");
    }

    public void continueWithoutApproval() {
        leaveBy("fractal-kyc-continue");
    }

    public void cancel() {
        leaveBy("fractal-kyc-cancel");
    }

    /** Clicks and waits until this page is gone, so the next page object cannot see the old one. */
    private void leaveBy(String id) {
        browser.driver().findElement(By.id(id)).click();
        browser.waitFor(ExpectedConditions.stalenessOf(root));
    }
}
