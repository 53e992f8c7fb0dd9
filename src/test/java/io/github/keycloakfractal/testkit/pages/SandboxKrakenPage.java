package io.github.keycloakfractal.testkit.pages;

import io.github.keycloakfractal.testkit.Browser;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;

/** The sandbox's Kraken journey: the person's decision stands in for document checks. */
public final class SandboxKrakenPage {
    private final Browser browser;

    public SandboxKrakenPage(Browser browser) {
        this.browser = browser;
        browser.waitFor(ExpectedConditions.visibilityOfElementLocated(By.id("kraken-approve")));
    }

    public void approve() {
        browser.driver().findElement(By.id("kraken-approve")).click();
    }

    public void leavePending() {
        browser.driver().findElement(By.id("kraken-pending")).click();
    }

    public void reject(String note) {
        browser.driver().findElement(By.id("kraken-note")).sendKeys(note);
        browser.driver().findElement(By.id("kraken-reject")).click();
    }
}
