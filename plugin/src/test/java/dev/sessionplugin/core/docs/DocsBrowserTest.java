package dev.sessionplugin.core.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sessionplugin.core.Goal;
import dev.sessionplugin.core.HeadlessChromium;
import dev.sessionplugin.core.TestProjects;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The site in a real headless Chromium (Debian's chromium and chromium-driver): it loads with no console errors,
 * a click on a node opens its page, search finds a model, a column's path lights up, and a large project starts
 * collapsed into folders. Screenshots go to {@code target/docs-screenshots/}. Without a browser the tests skip with
 * a message, unless {@code SESSION_BROWSER_TESTS=required} (CI installs one and says so).
 */
class DocsBrowserTest {

    static final Path SHOTS = Path.of("target/docs-screenshots");

    static ChromeDriver browser;

    @TempDir
    static Path profile;

    @BeforeAll
    static void start() throws IOException {
        browser = HeadlessChromium.start(profile);
        Files.createDirectories(SHOTS);
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    void theSampleLoadsCleanlyAndItsGraphLeadsToPages(@TempDir Path dir) throws Exception {
        Path project = TestProjects.copyOfTheSample(dir);
        TestProjects.run(project, Goal.RUN);
        Path index = DocsTest.docs(project).site().resolve("index.html");

        browser.get(index.toUri().toString());
        WebElement summary = waitFor(By.cssSelector("g[data-node='model:session_summary']"));
        assertEquals(6, browser.findElements(By.cssSelector("g.node")).size(), "2 sources, 2 models, their 2 "
                + "published tables");
        shot("index.png");
        summary.click();
        new WebDriverWait(browser, Duration.ofSeconds(10)).until(b -> b.getCurrentUrl()
                .endsWith("models/session_summary.html"));
        assertTrue(browser.findElement(By.tagName("h1")).getText().startsWith("session_summary"));
        assertEquals("passed", browser.findElement(By.cssSelector("td.status")).getText());
        shot("model-page.png");

        browser.get(index.toUri().toString());
        WebElement search = waitFor(By.id("search"));
        search.sendKeys("by_day");
        WebElement hit = waitFor(By.cssSelector("#results a"));
        assertEquals("sessions_by_day", hit.getText());
        assertEquals(2, browser.findElements(By.cssSelector("g.node.match")).size(), "the model, its table");
        hit.click();
        new WebDriverWait(browser, Duration.ofSeconds(10)).until(b -> b.getCurrentUrl()
                .endsWith("models/sessions_by_day.html"));

        browser.findElement(By.cssSelector("#col-users a.path")).click();
        waitFor(By.cssSelector("#lineage h3"));
        assertTrue(browser.findElement(By.id("lineage")).getText().contains("session_summary.userId \u2190 "
                + "user_session_channel.userId"), browser.findElement(By.id("lineage")).getText());
        List<String> lit = browser.findElements(By.cssSelector("g.node.lit")).stream()
                .map(e -> e.getAttribute("data-node")).sorted().toList();
        assertEquals(List.of("model:session_summary", "model:sessions_by_day", "source:user_session_channel",
                "table:analytics.sessions_by_day"), lit);
        assertTrue(browser.findElements(By.cssSelector("path.edge.lit")).size() >= 3);
        shot("lineage.png");
        assertNoConsoleErrors();
    }

    @Test
    void aLargeProjectStartsInFoldersAndOpensOneOnClick(@TempDir Path dir) throws Exception {
        StringBuilder descriptor = new StringBuilder("""
                project: big
                sources:
                  events:
                    uri: data/events.csv
                    table: events_table
                    columns: {id: INTEGER, kind: VARCHAR}
                """);
        TestProjects.write(dir, "pipeline.yaml", descriptor.toString());
        TestProjects.write(dir, "data/events.csv", "id,kind\n1,a\n");
        for (int i = 0; i < 400; i++) {
            String folder = i < 200 ? "models/left" : "models/right";
            String from = i % 200 == 0 ? "{{#source}}events{{/source}}" : "{{#ref}}m" + (i - 1) + "{{/ref}}";
            TestProjects.write(dir, folder + "/m" + i + ".sql.mustache", "SELECT id, kind FROM " + from);
        }
        Path index = DocsTest.docs(dir).site().resolve("index.html");
        browser.get(index.toUri().toString());
        waitFor(By.cssSelector("g.node.folder"));
        List<String> boxes = browser.findElements(By.cssSelector("g.node")).stream()
                .map(e -> e.getAttribute("data-node")).sorted().toList();
        assertEquals(List.of("folder:models/left", "folder:models/right", "folder:sources"), boxes);
        shot("collapsed.png");
        browser.findElement(By.cssSelector("g[data-node='folder:models/right']")).click();
        waitFor(By.cssSelector("g[data-node='model:m399']"));
        // its 200 models and their 200 tables, with two folders, are more than the graph draws at once
        assertEquals(300, browser.findElements(By.cssSelector("g.node")).size());
        assertTrue(browser.findElement(By.id("status")).getText().contains("Showing 300 boxes of 402"),
                browser.findElement(By.id("status")).getText());
        WebElement search = browser.findElement(By.id("search"));
        search.sendKeys("m250");
        waitFor(By.cssSelector("g.node.match"));
        assertEquals("m250", browser.findElement(By.cssSelector("#results a")).getText());
        assertNoConsoleErrors();
    }

    private static WebElement waitFor(By what) {
        return new WebDriverWait(browser, Duration.ofSeconds(10)).until(b -> b.findElement(what));
    }

    private static void assertNoConsoleErrors() {
        List<String> errors = new ArrayList<>();
        for (LogEntry e : browser.manage().logs().get(LogType.BROWSER)) {
            if (e.getLevel().intValue() >= Level.WARNING.intValue()) {
                errors.add(e.getLevel() + " " + e.getMessage());
            }
        }
        assertEquals(List.of(), errors);
    }

    private static void shot(String name) throws IOException {
        Files.copy(browser.getScreenshotAs(OutputType.FILE).toPath(), SHOTS.resolve(name),
                StandardCopyOption.REPLACE_EXISTING);
    }
}
