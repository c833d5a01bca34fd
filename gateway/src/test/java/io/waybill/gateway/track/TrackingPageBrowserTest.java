package io.waybill.gateway.track;

import static io.waybill.gateway.track.TrackingPageTest.deliveredSoon;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.io.File;
import java.io.IOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * The page in a real browser: Debian's Chromium, headless, driven through Debian's chromedriver by Selenium
 * (both installed by {@code deploy/local/platform.sh browser}, part of {@code test-infra}). Nothing is
 * downloaded: Selenium Manager is bypassed by naming both binaries, and the browser's own background traffic
 * is switched off (the machine has no network). Saves target/tracking-page*.png; docs/images/tracking-page.png
 * is a copy of target/tracking-page.png.
 */
@QuarkusTest
@QuarkusTestResource(TrackingPageTestResource.class)
class TrackingPageBrowserTest {

    static final Path CHROMIUM = Path.of(System.getProperty("waybill.test.chromium", "/usr/bin/chromium"));
    static final Path CHROMEDRIVER = Path.of(System.getProperty("waybill.test.chromedriver", "/usr/bin/chromedriver"));

    @TestHTTPResource("/")
    URL gateway;

    ChromeDriver browser;
    Path profile;

    @BeforeEach
    void startBrowser() throws IOException {
        assertThat(CHROMIUM).as("Chromium (run deploy/local/platform.sh browser)").isExecutable();
        assertThat(CHROMEDRIVER).as("chromedriver (run deploy/local/platform.sh browser)").isExecutable();
        profile = Files.createTempDirectory("waybill-chromium-");
        ChromeOptions options = new ChromeOptions()
                .setBinary(CHROMIUM.toFile())
                .addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                        "--disable-background-networking", "--disable-component-update", "--disable-sync",
                        "--disable-dev-shm-usage", "--window-size=900,920", "--user-data-dir=" + profile);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort()
                .build();
        browser = new ChromeDriver(service, options);
    }

    @AfterEach
    void stopBrowser() throws IOException {
        if (browser != null) {
            browser.quit();
        }
        if (profile != null) {
            try (var files = Files.walk(profile)) {
                files.sorted(java.util.Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
            }
        }
    }

    @Test
    void theRecipientSeesStatusTimelineAndEstimateInTheirLanguage() throws IOException {
        String number = deliveredSoon(UUID.randomUUID().toString().substring(0, 8));

        browser.get(gateway + "track/" + number + "?postalCode=01310-100&lang=es");

        assertThat(browser.getTitle()).isEqualTo("Envío " + number + " – seguimiento");
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Sigue tu envío");
        assertThat(browser.findElement(By.id("status")).getText()).isEqualTo("En reparto");
        assertThat(browser.findElement(By.id("estimated-delivery")).getText()).isEqualTo("jueves, 12 de marzo de 2026");
        List<String> timeline = browser.findElements(By.cssSelector("#timeline li .what")).stream()
                .map(WebElement::getText).toList();
        assertThat(timeline).containsExactly("En reparto", "En tránsito", "Etiqueta creada, esperando el paquete");
        assertThat(browser.findElement(By.id("timeline")).getText())
                .contains("Arrived at hub", "Campinas SP", "11 mar 2026, 22:40 (GMT-3)");
        // Styles applied (the inline block passed the page's own CSP): the status is coloured, not default black.
        assertThat(browser.findElement(By.id("status")).getCssValue("color")).isNotIn("rgba(0, 0, 0, 1)", "rgb(0, 0, 0)");
        screenshot("tracking-page-es.png");

        browser.get(gateway + "track/" + number + "?postalCode=01310100&lang=en");
        assertThat(browser.findElement(By.id("status")).getText()).isEqualTo("Out for delivery");
        Path english = screenshot("tracking-page.png");
        assertThat(Files.size(english)).isGreaterThan(10_000);

        // Switching language through the page's own links keeps number and postal code.
        browser.findElement(By.cssSelector("nav.languages a[hreflang=sv]")).click();
        assertThat(browser.findElement(By.id("status")).getText()).isEqualTo("Ute för leverans");
    }

    @Test
    void aWrongPostalCodeShowsTheFormAndTheRightOneFindsTheParcel() throws IOException {
        String number = deliveredSoon(UUID.randomUUID().toString().substring(0, 8));

        browser.get(gateway + "track/" + number + "?postalCode=99999-999&lang=fr");

        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Colis introuvable");
        assertThat(browser.findElements(By.id("status"))).isEmpty();
        screenshot("tracking-page-not-found.png");
        WebElement postalCode = browser.findElement(By.id("postal-code"));
        // The label is tied to the field (accessible name).
        assertThat(postalCode.getAccessibleName()).isEqualTo("Code postal de l’adresse de livraison");
        postalCode.sendKeys("01310 100");
        browser.findElement(By.cssSelector("form button[type=submit]")).click();

        assertThat(browser.findElement(By.id("status")).getText()).isEqualTo("En cours de livraison");
    }

    private Path screenshot(String name) throws IOException {
        Path target = Path.of("target", name);
        Files.copy(browser.getScreenshotAs(OutputType.FILE).toPath(), target, StandardCopyOption.REPLACE_EXISTING);
        return target;
    }
}
