package nl.opvang.testing;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every main source file of every module is at most {@value #LIMIT} lines, or its class Javadoc says in one line why
 * it is longer: a line that starts (after the {@code *}, and an optional {@code <p>}) with "Longer than 300 lines:"
 * and a reason. A file that is within the limit may not carry the note, so it goes when the class has been split.
 */
class ClassSizeTest {
    static final int LIMIT = 300;
    private static final String NOTE = "Longer than " + LIMIT + " lines:";
    private static final Pattern NOTE_LINE = Pattern.compile(
            "^\\s*\\*\\s*(?:<p>\\s*)?" + Pattern.quote(NOTE) + "\\s*(\\S.{9,})$", Pattern.MULTILINE);
    /** A top-level type: its declaration starts in the first column. */
    private static final Pattern TOP_LEVEL_TYPE = Pattern.compile(
            "^(?:public |protected |abstract |final |sealed |non-sealed |strictfp )*(?:class|interface|enum|record|@interface) ",
            Pattern.MULTILINE);

    @Test
    void every_main_class_is_at_most_300_lines_or_says_why_in_its_javadoc() throws IOException {
        Path root = Repository.root();
        List<String> offenders = new ArrayList<>();
        for (Path file : mainSources(root)) {
            String source = Files.readString(file);
            int lines = Repository.lines(source);
            boolean noted = hasNote(source);
            if (lines > LIMIT && !noted) {
                offenders.add(root.relativize(file) + ": " + lines + " lines, and no \"" + NOTE + " <reason>\" line in "
                        + "its class Javadoc: split it by responsibility, or say why it is one class");
            } else if (lines <= LIMIT && noted) {
                offenders.add(root.relativize(file) + ": " + lines + " lines, but its Javadoc still says \"" + NOTE
                        + "\": remove the note");
            }
        }
        assertTrue(offenders.isEmpty(), "a class past " + LIMIT + " lines is two classes:\n" + String.join("\n", offenders));
    }

    @Test
    void the_note_counts_only_in_the_class_javadoc_and_with_a_reason() {
        String noted = """
                package x;

                /**
                 * Does one thing.
                 *
                 * <p>Longer than 300 lines: the parser's states read best in one switch.
                 */
                public final class Parser {
                }
                """;
        assertTrue(hasNote(noted));
        assertFalse(hasNote(noted.replace("the parser's states read best in one switch.", "")), "no reason");
        assertFalse(hasNote(noted.replace("public final class Parser {\n}", "public final class Parser {\n"
                + "    /** Longer than 300 lines: a method's Javadoc does not count. */\n    void parse() {\n    }\n}")
                .replace(" * <p>Longer than 300 lines: the parser's states read best in one switch.\n", "")));
        assertFalse(hasNote("package x;\n\n// Longer than 300 lines: not Javadoc at all.\nfinal class Parser {\n}\n"));
    }

    /** Whether the Javadoc right before the first top-level type carries the note with a reason. */
    static boolean hasNote(String source) {
        Matcher type = TOP_LEVEL_TYPE.matcher(source);
        if (!type.find()) {
            return false;
        }
        String before = source.substring(0, type.start());
        int end = before.lastIndexOf("*/");
        int start = before.lastIndexOf("/**");
        if (start < 0 || end < start) {
            return false;
        }
        // Only annotations may stand between the Javadoc and the declaration.
        String between = before.substring(end + 2).strip();
        if (!between.isEmpty() && !between.lines().allMatch(line -> line.strip().startsWith("@"))) {
            return false;
        }
        return NOTE_LINE.matcher(before.substring(start, end)).find();
    }

    private static List<Path> mainSources(Path root) throws IOException {
        List<Path> sources = new ArrayList<>();
        try (Stream<Path> modules = Files.list(root)) {
            for (Path module : modules.filter(Files::isDirectory).sorted().toList()) {
                Path main = module.resolve("src/main/java");
                if (Files.isDirectory(main)) {
                    try (Stream<Path> files = Files.walk(main)) {
                        files.filter(file -> file.toString().endsWith(".java")).sorted().forEach(sources::add);
                    }
                }
            }
        }
        assertFalse(sources.isEmpty(), "no main sources below " + root);
        return sources;
    }
}
