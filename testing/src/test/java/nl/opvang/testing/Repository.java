package nl.opvang.testing;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

/** The repository these tests check, seen from the testing module's folder (where Maven runs its tests). */
final class Repository {
    private Repository() {
    }

    static Path root() {
        Path root = Path.of("").toAbsolutePath().getParent();
        assertTrue(Files.isRegularFile(root.resolve("docs/DESIGN.md")) && Files.isRegularFile(root.resolve("pom.xml")),
                "not the repository root: " + root);
        return root;
    }

    /** Lines as an editor counts them: a last line without a newline counts too. */
    static int lines(String text) {
        if (text.isEmpty()) {
            return 0;
        }
        int lines = 0;
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == '\n') {
                lines++;
            }
        }
        return text.endsWith("\n") ? lines : lines + 1;
    }
}
