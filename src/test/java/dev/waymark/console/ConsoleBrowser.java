// SPDX-License-Identifier: Apache-2.0
package dev.waymark.console;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Stream;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;

/**
 * Debian's headless Chromium, driven through Debian's chromedriver, with a fresh profile and download folder, at a
 * laptop's window size. Both paths are given, so Selenium Manager never looks for (or downloads) a browser or a
 * driver; the machine has no internet, and the console loads nothing from outside its origin.
 */
final class ConsoleBrowser implements AutoCloseable {
    static final Path SCREENSHOTS = Path.of("target/console-screenshots");
    private static final Duration PATIENCE = Duration.ofSeconds(15);

    private final ChromeDriver driver;
    private final URI console;
    private final Path profile;
    private final Path downloads;

    ConsoleBrowser(URI endpoint) throws IOException {
        this.console = endpoint.resolve("/console/");
        this.profile = Files.createTempDirectory("waymark-chromium-profile");
        this.downloads = Files.createTempDirectory("waymark-chromium-downloads");
        Files.createDirectories(SCREENSHOTS);
        ChromeOptions options = new ChromeOptions();
        options.setBinary("/usr/bin/chromium");
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--user-data-dir=" + profile, "--window-size=1440,900", "--lang=en-US");
        options.setExperimentalOption("prefs", Map.of("download.default_directory", downloads.toString(),
                "download.prompt_for_download", false, "download.directory_upgrade", true,
                "credentials_enable_service", false, "profile.password_manager_enabled", false));
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File("/usr/bin/chromedriver")).usingAnyFreePort().build();
        this.driver = new ChromeDriver(service, options);
    }

    WebDriver driver() {
        return driver;
    }

    /** Opens the console afresh: a new page, so nothing of an earlier sign-in survives. */
    void open() {
        driver.get(console.toString());
        find(By.id("access-key-id"));
    }

    void signIn(AwsCredentials credentials, String region) {
        open();
        fill(By.id("access-key-id"), credentials.accessKeyId());
        fill(By.id("secret-access-key"), credentials.secretAccessKey());
        if (credentials instanceof AwsSessionCredentials session) {
            fill(By.id("session-token"), session.sessionToken());
        }
        fill(By.id("sign-in-region"), region);
        // Enter submits, as in any form.
        find(By.id("secret-access-key")).sendKeys(Keys.ENTER);
    }

    /** Signs in and waits for the event history's first page (or its empty or error state). */
    void signInToHistory(AwsCredentials credentials) {
        signIn(credentials, "us-east-1");
        find(By.id("sign-out"));
        awaitResults();
    }

    void fill(By by, String text) {
        WebElement field = find(by);
        field.clear();
        field.sendKeys(text);
    }

    WebElement find(By by) {
        return until(d -> d.findElements(by).stream().filter(WebElement::isDisplayed).findFirst().orElse(null));
    }

    <T> T until(Function<WebDriver, T> condition) {
        return new WebDriverWait(driver, PATIENCE).until(condition);
    }

    /** Waits until the results area has finished loading. */
    void awaitResults() {
        until(d -> {
            List<WebElement> areas = d.findElements(By.cssSelector(".results"));
            return !areas.isEmpty() && "false".equals(areas.get(0).getAttribute("aria-busy")) ? Boolean.TRUE : null;
        });
    }

    /** The event ids of the table's rows, in the order shown. */
    List<String> eventIds() {
        return driver.findElements(By.cssSelector("table.events tbody tr")).stream()
                .map(row -> row.getAttribute("data-event-id")).toList();
    }

    /** The cells of a column of the events table, by header text; none while no table is shown. */
    List<String> column(String header) {
        List<String> headers = driver.findElements(By.cssSelector("table.events thead th")).stream().map(WebElement::getText).toList();
        int index = headers.indexOf(header) + 1;
        if (headers.isEmpty()) {
            return List.of();
        }
        if (index == 0) {
            throw new AssertionError("no column " + header + " in " + headers);
        }
        return driver.findElements(By.cssSelector("table.events tbody tr td:nth-child(" + index + ")")).stream()
                .map(WebElement::getText).toList();
    }

    Object script(String script, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(script, args);
    }

    /** A Chrome DevTools Protocol command. */
    Map<String, Object> cdp(String command, Map<String, Object> parameters) {
        return driver.executeCdpCommand(command, parameters);
    }

    Object asyncScript(String script, Object... args) {
        return ((JavascriptExecutor) driver).executeAsyncScript(script, args);
    }

    /** Waits for a finished download whose name starts with the prefix; returns it. */
    Path download(String prefix) {
        return until(d -> {
            try (Stream<Path> files = Files.list(downloads)) {
                Optional<Path> done = files.filter(f -> f.getFileName().toString().startsWith(prefix))
                        .filter(f -> !f.getFileName().toString().endsWith(".crdownload")).findFirst();
                return done.orElse(null);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    void screenshot(String name) {
        try {
            Files.copy(driver.getScreenshotAs(OutputType.FILE).toPath(), SCREENSHOTS.resolve(name + ".png"),
                    StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        driver.quit();
    }
}
