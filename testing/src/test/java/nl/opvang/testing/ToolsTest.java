package nl.opvang.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;
import org.opentest4j.TestAbortedException;

class ToolsTest {
    private static final String MISSING = "opvang-no-such-tool-3f9c";

    @Test
    void in_ci_a_missing_tool_fails_the_test() {
        AssertionFailedError failed = assertThrows(AssertionFailedError.class, () -> new Tools(true, "/usr/bin").need(MISSING));
        assertTrue(failed.getMessage().startsWith("CI: " + MISSING + " is not installed"), failed.getMessage());
    }

    @Test
    void locally_a_missing_tool_skips_the_test_with_a_message() {
        TestAbortedException skipped = assertThrows(TestAbortedException.class,
                () -> new Tools(false, "/usr/bin").need(MISSING));
        assertTrue(skipped.getMessage().contains(MISSING + " is not installed"), skipped.getMessage());
        assertTrue(skipped.getMessage().contains("in CI (CI=true) this test fails instead"), skipped.getMessage());
    }

    @Test
    void a_missing_condition_such_as_root_fails_in_ci_and_skips_locally() {
        assertThrows(AssertionFailedError.class, () -> new Tools(true, "").need(false, "mounting a tmpfs needs root"));
        assertThrows(TestAbortedException.class, () -> new Tools(false, "").need(false, "mounting a tmpfs needs root"));
        new Tools(true, "").need(true, "present: nothing happens");
    }

    @Test
    void a_present_tool_is_found_on_the_path_or_in_the_usual_places() {
        assertEquals(Path.of("/bin/sh").getFileName(), new Tools(true, "").need("sh").getFileName());
        assertTrue(new Tools(false, "/nowhere").find("sh").isPresent(), "the usual directories are searched too");
        assertFalse(new Tools(false, "/usr/bin").find(MISSING).isPresent());
    }

    @Test
    void ci_is_the_ci_variable_or_the_opvang_ci_property_unless_false() {
        assertTrue(Tools.ci("true", null));
        assertTrue(Tools.ci("1", null));
        assertTrue(Tools.ci(null, "true"));
        assertFalse(Tools.ci(null, null));
        assertFalse(Tools.ci("", ""));
        assertFalse(Tools.ci("false", "0"));
    }
}
