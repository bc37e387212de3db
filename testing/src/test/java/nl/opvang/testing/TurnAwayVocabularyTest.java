package nl.opvang.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Turn-away reasons are one vocabulary (docs/DESIGN.md §3), kept in {@code protocol/.../TurnAwayReason.java} with their
 * Dutch labels: the kiosk, the panel, the simulator and the hub read it. A main source file of any module that spells
 * two or more of its codes or labels as literals, or any older code, holds a copy of the list, and fails here.
 */
class TurnAwayVocabularyTest {
    private static final Path HOME = Path.of("protocol/src/main/java/nl/opvang/protocol/TurnAwayReason.java");
    /** The schema lists the codes for the wire contract; it is the contract, not a copy the code reads. */
    private static final Path SCHEMA = Path.of("protocol/src/main/resources/nl/opvang/protocol/schema/node-message.schema.json");
    private static final Pattern ENTRY = Pattern.compile("^\\s{4}([A-Z_]+)\\(\"([^\"]+)\"\\)", Pattern.MULTILINE);
    /** Codes that are also words of other lists (a hold is "refused", a place "full"): only their labels count here. */
    private static final Set<String> WORDS_OF_OTHER_LISTS = Set.of("full", "refused", "other");
    private static final Pattern OLDER = Pattern.compile("^\\s*\"([a-z-]+)\", [A-Z_]+[,)]", Pattern.MULTILINE);

    @Test
    void no_main_source_keeps_its_own_copy_of_the_turn_away_reasons() throws IOException {
        Path root = Repository.root();
        String home = Files.readString(root.resolve(HOME));
        Set<String> codes = new LinkedHashSet<>();
        Set<String> labels = new LinkedHashSet<>();
        Matcher entry = ENTRY.matcher(home);
        while (entry.find()) {
            codes.add(entry.group(1).toLowerCase(Locale.ROOT));
            labels.add(entry.group(2));
        }
        Set<String> older = new LinkedHashSet<>();
        Matcher olderCode = OLDER.matcher(home);
        while (olderCode.find()) {
            older.add(olderCode.group(1));
        }
        assertTrue(codes.containsAll(List.of("full", "not_suitable", "regional_binding", "other")), "read " + codes);
        assertEquals(Set.of("vol", "niet-passend", "regiobinding"), older);

        List<String> copies = new ArrayList<>();
        for (Path file : mainSources(root)) {
            Path relative = root.relativize(file);
            if (relative.equals(HOME) || relative.equals(SCHEMA)) {
                continue;
            }
            String text = Files.readString(file);
            List<String> found = new ArrayList<>();
            codes.stream().filter(code -> !WORDS_OF_OTHER_LISTS.contains(code) && quoted(text, code)).forEach(found::add);
            labels.stream().filter(label -> quoted(text, label)).forEach(found::add);
            long olderFound = older.stream().filter(code -> quoted(text, code)).count();
            if (found.size() >= 2 || olderFound > 0) {
                copies.add(relative + " spells " + found + (olderFound > 0 ? " and older codes" : ""));
            }
        }
        assertEquals(List.of(), copies, "use nl.opvang.protocol.TurnAwayReason (or the kiosk's state, the hub's words)");
    }

    /** The literal as code writes it: in double or single quotes, or as a properties value. */
    private static boolean quoted(String text, String literal) {
        return text.contains("\"" + literal + "\"") || text.contains("'" + literal + "'") || text.contains("=" + literal + "\n");
    }

    private static List<Path> mainSources(Path root) throws IOException {
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(Files::isRegularFile)
                    .filter(file -> root.relativize(file).toString().matches("[^/]+/src/main/.*\\.(java|js|html|properties|json|yaml)"))
                    .toList();
        }
    }
}
