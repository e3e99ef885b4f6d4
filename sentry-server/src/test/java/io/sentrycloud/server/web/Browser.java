package io.sentrycloud.server.web;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's headless Chromium driven through Debian's chromedriver (paths set explicitly, so Selenium Manager never
 * looks for or downloads a driver), with its own throw-away profile. Saves screenshots under
 * {@code target/screenshots/}.
 */
final class Browser implements AutoCloseable {

    static final String CHROMIUM = "/usr/bin/chromium";
    static final String CHROMEDRIVER = "/usr/bin/chromedriver";
    static final Path SCREENSHOTS = Path.of("target", "screenshots");

    final ChromeDriver driver;
    final String base;
    private final Path profile;
    private final ChromeDriverService service;

    Browser(int port) {
        this.base = "http://127.0.0.1:" + port;
        try {
            profile = Files.createTempDirectory("sentry-chromium-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM);
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--no-first-run", "--disable-extensions", "--window-size=1400,900",
                "--user-data-dir=" + profile.toAbsolutePath());
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, java.util.logging.Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(CHROMEDRIVER))
                .usingAnyFreePort()
                .build();
        driver = new ChromeDriver(service, options);
        driver.manage().window().setSize(new Dimension(1400, 900));
        driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(30));
    }

    void open(String path) {
        driver.get(base + path);
    }

    <T> T waitFor(Function<WebDriver, T> condition) {
        return new WebDriverWait(driver, Duration.ofSeconds(20)).until(condition);
    }

    WebElement find(String css) {
        return waitFor(d -> {
            List<WebElement> found = d.findElements(By.cssSelector(css));
            return found.isEmpty() || !found.get(0).isDisplayed() ? null : found.get(0);
        });
    }

    List<WebElement> all(String css) {
        return driver.findElements(By.cssSelector(css));
    }

    Object js(String script, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(script, args);
    }

    /** Whether the first canvas matching {@code css} has something drawn on it (non-transparent pixels). */
    boolean canvasHasInk(String css) {
        return (Boolean) js("const c = document.querySelector(arguments[0]);"
                + "const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;"
                + "let ink = 0; for (let i = 3; i < d.length; i += 4) if (d[i] > 0) ink++;"
                + "return ink > 500;", css);
    }

    /** The path and query of the page shown now. */
    String location() {
        return (String) js("return location.pathname + location.search");
    }

    void screenshot(String name) {
        try {
            Files.createDirectories(SCREENSHOTS);
            File shot = driver.getScreenshotAs(OutputType.FILE);
            Files.copy(shot.toPath(), SCREENSHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Script errors the page logged to its console since the last call (a failing module shows up here); the
     * browser's own lines about HTTP answers such as a refused query's 400 are not script errors.
     */
    List<String> consoleErrors() {
        return driver.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(e -> e.getLevel().intValue() >= java.util.logging.Level.SEVERE.intValue())
                .map(LogEntry::getMessage)
                .filter(m -> !m.contains("Failed to load resource: the server responded with a status of"))
                .toList();
    }

    /** Clicks the first element matching {@code css} whose text is {@code text}, retrying while the list redraws. */
    void clickText(String css, String text) {
        waitFor(d -> {
            try {
                for (WebElement e : d.findElements(By.cssSelector(css))) {
                    if (e.isDisplayed() && e.getText().trim().equals(text)) {
                        e.click();
                        return true;
                    }
                }
            } catch (org.openqa.selenium.StaleElementReferenceException redrawn) {
                // the list was redrawn between finding and clicking: look again
            }
            return null;
        });
    }

    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
            service.stop();
            try (Stream<Path> files = Files.walk(profile)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException e) {
                // a leftover temp profile is harmless
            }
        }
    }
}
