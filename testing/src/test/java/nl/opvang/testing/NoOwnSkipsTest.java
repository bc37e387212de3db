package nl.opvang.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * No test of any module skips itself: every "tool missing" goes through {@link Tools}, which fails in CI. A test that
 * called JUnit's {@code Assumptions} directly would be skipped in CI too, and the build would stay green without it.
 */
class NoOwnSkipsTest {
    private static final Pattern OWN_SKIP = Pattern.compile(
            "\\bAssumptions\\b|\\bassumeTrue\\s*\\(|\\bassumeFalse\\s*\\(|\\bassumingThat\\s*\\(|TestAbortedException"
                    + "|@Disabled|@Enabled(If|On)\\w*");

    @Test
    void no_test_source_skips_on_its_own() throws IOException {
        Path root = Path.of("").toAbsolutePath().getParent();
        assertTrue(Files.exists(root.resolve("testing/src/main/java/nl/opvang/testing/Tools.java")), "repository root: " + root);
        List<String> offenders = new ArrayList<>();
        try (Stream<Path> modules = Files.list(root)) {
            for (Path module : modules.filter(Files::isDirectory).toList()) {
                Path tests = module.resolve("src/test/java");
                if (!Files.isDirectory(tests)) {
                    continue;
                }
                try (Stream<Path> files = Files.walk(tests)) {
                    for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                        if (file.getFileName().toString().equals("NoOwnSkipsTest.java")
                                || file.getFileName().toString().equals("ToolsTest.java")) {
                            continue;
                        }
                        List<String> lines = Files.readAllLines(file);
                        for (int i = 0; i < lines.size(); i++) {
                            if (OWN_SKIP.matcher(lines.get(i)).find()) {
                                offenders.add(root.relativize(file) + ":" + (i + 1) + ": " + lines.get(i).strip());
                            }
                        }
                    }
                }
            }
        }
        assertEquals(List.of(), offenders, "skip through nl.opvang.testing.Tools.require(...) instead");
    }
}
