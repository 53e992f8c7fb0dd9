package io.github.keycloakfractal.testkit.pages;

import io.github.keycloakfractal.testkit.Browser;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;

/** The Fractal sandbox's consent page: pick a seeded Fractal user, then approve or deny. */
public final class SandboxAuthorizePage {
    private final Browser browser;

    public SandboxAuthorizePage(Browser browser) {
        this.browser = browser;
        browser.waitFor(ExpectedConditions.visibilityOfElementLocated(By.id("approve")));
    }

    public SandboxAuthorizePage as(String userKey) {
        new Select(browser.driver().findElement(By.id("user"))).selectByValue(userKey);
        return this;
    }

    public String hiddenField(String name) {
        return browser.driver().findElement(By.cssSelector("input[type=hidden][name='" + name + "']")).getAttribute("value");
    }

    public void approve() {
        browser.driver().findElement(By.id("approve")).click();
    }

    public void deny() {
        browser.driver().findElement(By.id("deny")).click();
    }
}
