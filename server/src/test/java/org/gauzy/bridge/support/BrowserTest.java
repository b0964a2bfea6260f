package org.gauzy.bridge.support;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.options.AriaRole;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInfo;

/**
 * A test that clicks through the pages in a real, headless Chromium (Debian's, at {@code /usr/bin/chromium}
 * unless {@code test.chromium} names another), driven by Playwright. The browser starts once per test
 * JVM; each test gets a fresh context (no cookies), accepts every confirmation dialog (and keeps its
 * text), and leaves a screenshot of where it ended under {@code target/screenshots}.
 */
public abstract class BrowserTest extends ApiTest {

    private static final Path SCREENSHOTS = Path.of("target", "screenshots");

    protected BrowserContext browser;
    protected Page page;
    /** The text of every confirmation the pages asked, in order. */
    protected final List<String> confirmations = new CopyOnWriteArrayList<>();

    @BeforeEach
    void openBrowser() {
        browser = Chromium.INSTANCE.browser.newContext(new Browser.NewContextOptions()
                .setBaseURL("http://localhost:" + port)
                .setViewportSize(1280, 860));
        browser.setDefaultTimeout(20_000);
        page = browser.newPage();
        page.onDialog(dialog -> {
            confirmations.add(dialog.message());
            dialog.accept();
        });
    }

    @AfterEach
    void closeBrowser(TestInfo test) {
        screenshot(getClass().getSimpleName() + "-"
                + test.getTestMethod().map(m -> m.getName()).orElse("test"));
        browser.close();
    }

    /** A full-page screenshot under {@code target/screenshots/<name>.png}. */
    protected void screenshot(String name) {
        page.screenshot(new Page.ScreenshotOptions()
                .setPath(SCREENSHOTS.resolve(name + ".png"))
                .setFullPage(true));
    }

    /** Signs in on the pages' own sign-in form with the keyboard alone, as a keyboard user would. */
    protected void signIn(String email, String password) {
        page.navigate("/pages/login");
        assertThat(page.getByLabel("Email")).isFocused();
        page.keyboard().type(email);
        page.keyboard().press("Tab");
        page.keyboard().type(password);
        page.keyboard().press("Enter");
        assertThat(page.locator("h1")).not().hasText("Sign in to Gauzy");
    }

    /** Every field of the page's main content has a name a screen reader can say (a label or aria-label). */
    protected void assertEveryFieldIsLabelled() {
        Object unlabelled = page.evaluate("""
                () => [...document.querySelectorAll('main input:not([type=hidden]), main select, main textarea')]
                    .filter(f => f.labels.length === 0 && !f.getAttribute('aria-label'))
                    .map(f => f.name || f.id)""");
        Assertions.assertThat((List<?>) unlabelled)
                .as("fields without a label on " + page.url())
                .isEmpty();
    }

    /** Clicks the button named {@code name} inside the main content (the header has a Sign out button too). */
    protected void press(String name) {
        page.locator("main")
                .getByRole(
                        AriaRole.BUTTON,
                        new Locator.GetByRoleOptions().setName(name).setExact(true))
                .first()
                .click();
    }

    /** One Chromium for the whole test JVM: starting it takes about a second. */
    private enum Chromium {
        INSTANCE;

        final Playwright playwright;
        final Browser browser;

        Chromium() {
            try {
                Files.createDirectories(SCREENSHOTS);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            // Playwright must not download a browser of its own: this machine's network is closed to it.
            playwright = Playwright.create(
                    new Playwright.CreateOptions().setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
            browser = playwright
                    .chromium()
                    .launch(new BrowserType.LaunchOptions()
                            .setExecutablePath(Path.of(System.getProperty("test.chromium", "/usr/bin/chromium")))
                            .setHeadless(true)
                            .setArgs(List.of(
                                    "--no-sandbox",
                                    "--disable-gpu",
                                    "--disable-dev-shm-usage",
                                    "--no-first-run",
                                    "--disable-background-networking",
                                    "--disable-component-update",
                                    "--disable-sync")));
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                browser.close();
                playwright.close();
            }));
        }
    }
}
