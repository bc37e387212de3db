package nl.opvang.testing;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.opentest4j.AssertionFailedError;
import org.opentest4j.TestAbortedException;

/**
 * The one gate for tests that need something of the machine: Mosquitto, {@code openssl}, Chromium, {@code promtool},
 * root for a tmpfs. On a developer's machine a missing tool skips the test with a message saying what to install; in
 * CI it fails the test, because a skipped security test is a green build that proves nothing. CI is recognised by the
 * {@code CI} environment variable (set by {@code .ci/run} and by the usual CI services) or the system property
 * {@code opvang.ci}; either set to anything but empty, {@code false} or {@code 0}.
 *
 * <p>Tests do not call JUnit's {@code Assumptions} themselves ({@code NoOwnSkipsTest} checks the sources).
 */
public final class Tools {
    /** Where Debian and the usual installs put the tools, searched after {@code PATH}. */
    private static final List<String> USUAL_DIRS = List.of("/usr/sbin", "/usr/bin", "/usr/local/sbin", "/usr/local/bin",
            "/sbin", "/bin");

    private final boolean ci;
    private final String path;

    Tools(boolean ci, String path) {
        this.ci = ci;
        this.path = path == null ? "" : path;
    }

    /** The gate as this test run sees it (environment and system properties). */
    public static Tools here() {
        return new Tools(ci(System.getenv("CI"), System.getProperty("opvang.ci")), System.getenv("PATH"));
    }

    /** Whether this run is CI, where a missing tool fails the test instead of skipping it. */
    public static boolean ci() {
        return here().ci;
    }

    static boolean ci(String environment, String property) {
        return set(environment) || set(property);
    }

    private static boolean set(String value) {
        if (value == null) {
            return false;
        }
        String v = value.strip().toLowerCase(Locale.ROOT);
        return !v.isEmpty() && !v.equals("false") && !v.equals("0");
    }

    /** The executable {@code tool}, or the test is skipped (locally) or failed (CI). */
    public static Path require(String tool) {
        return here().need(tool);
    }

    /** Each of {@code tools}, as {@link #require(String)}. */
    public static void require(String... tools) {
        Tools here = here();
        for (String tool : tools) {
            here.need(tool);
        }
    }

    /** {@code present}, or the test is skipped (locally) or failed (CI), saying {@code what} is missing. */
    public static void require(boolean present, String what) {
        here().need(present, what);
    }

    Path need(String tool) {
        Optional<Path> found = find(tool);
        need(found.isPresent(), tool + " is not installed"
                + (tool.contains("/") ? "" : " (looked in PATH and " + String.join(", ", USUAL_DIRS) + ")"));
        return found.orElseThrow();
    }

    void need(boolean present, String what) {
        if (present) {
            return;
        }
        if (ci) {
            throw new AssertionFailedError("CI: " + what + ". A test that needs it must run in CI, not be skipped: "
                    + "install it (.ci/run does) or fix the machine");
        }
        throw new TestAbortedException(what + ". Skipped here; in CI (CI=true) this test fails instead");
    }

    Optional<Path> find(String tool) {
        if (tool.contains("/")) {
            Path given = Path.of(tool);
            return Files.isExecutable(given) ? Optional.of(given) : Optional.empty();
        }
        List<String> dirs = new ArrayList<>();
        for (String dir : path.split(File.pathSeparator)) {
            if (!dir.isBlank()) {
                dirs.add(dir);
            }
        }
        dirs.addAll(USUAL_DIRS);
        for (String dir : dirs) {
            Path candidate = Path.of(dir, tool);
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }
}
