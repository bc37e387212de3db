package nl.opvang.hub.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.openqa.selenium.JavascriptExecutor;

/** axe-core run in the page under test: the WCAG 2.1 A and AA violations, one line each. Shared by the browser tests. */
public final class Axe {
    private static final String SCRIPT = load();

    private Axe() {
    }

    @SuppressWarnings("unchecked")
    public static List<Object> violations(JavascriptExecutor browser) {
        browser.executeScript(SCRIPT);
        Map<String, Object> results = (Map<String, Object>) browser.executeAsyncScript(
                "var done = arguments[arguments.length - 1];"
                        + "axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}})"
                        + ".then(function (r) { done({violations: r.violations.map(function (v) {"
                        + "  return v.id + ': ' + v.help + ' at ' + v.nodes.map(function (n) { return n.target.join(' '); })"
                        + "    .join(', '); })}); })"
                        + ".catch(function (e) { done({violations: ['axe failed: ' + e]}); });");
        return (List<Object>) results.get("violations");
    }

    private static String load() {
        try (InputStream in = Axe.class.getResourceAsStream("/axe/axe.min.js")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
