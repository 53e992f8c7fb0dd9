package io.github.keycloakfractal.testkit.pages;

import io.github.keycloakfractal.testkit.Browser;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

/** Keycloak's login page with the realm's identity-provider buttons. */
public final class KeycloakLoginPage {
    private final Browser browser;

    public KeycloakLoginPage(Browser browser) {
        this.browser = browser;
        browser.waitFor(ExpectedConditions.visibilityOfElementLocated(By.id("kc-social-providers")));
    }

    public WebElement fractalButton() {
        return browser.driver().findElement(By.id("social-fractal"));
    }

    public String fractalButtonText() {
        return fractalButton().getText().trim();
    }

    /** The mark is a CSS background on the button's label; this returns the image URL the browser resolved. */
    public String fractalMarkImage() {
        return (String) ((JavascriptExecutor) browser.driver()).executeScript(
                "return getComputedStyle(document.querySelector('#social-fractal .fractal-idp-mark'), '::before').backgroundImage;");
    }

    public SandboxAuthorizePage verifyWithFractal() {
        fractalButton().click();
        return new SandboxAuthorizePage(browser);
    }

    /** A local account of the realm: username and password on Keycloak's own form. */
    public void signIn(String username, String password) {
        browser.driver().findElement(By.id("username")).sendKeys(username);
        browser.driver().findElement(By.id("password")).sendKeys(password);
        browser.driver().findElement(By.id("kc-login")).click();
    }

    public String errorMessage() {
        return browser.waitFor(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(
                "#input-error, .pf-v5-c-alert__title, .kc-feedback-text, #kc-error-message"))).getText();
    }
}
