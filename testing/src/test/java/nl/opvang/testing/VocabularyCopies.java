package nl.opvang.testing;

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

/**
 * Finds copies of one of the protocol's vocabularies (an enum of {@code CODE("Dutch label")} entries with a map of
 * older codes) in the main sources of every module: a file that spells two or more of its codes or labels as literals,
 * or any older code, keeps its own list.
 */
final class VocabularyCopies {
    private static final Pattern ENTRY = Pattern.compile("^\\s{4}([A-Z_]+)\\(\"([^\"]+)\"\\)", Pattern.MULTILINE);
    private static final Pattern OLDER = Pattern.compile("^\\s*\"([a-z-]+)\", [A-Z_]+[,)]", Pattern.MULTILINE);

    final Set<String> codes = new LinkedHashSet<>();
    final Set<String> labels = new LinkedHashSet<>();
    final Set<String> older = new LinkedHashSet<>();
    private final Path root;
    private final Path home;

    /** Reads the vocabulary in {@code home} (relative to the repository). */
    VocabularyCopies(Path home) throws IOException {
        this.root = Repository.root();
        this.home = home;
        String text = Files.readString(root.resolve(home));
        Matcher entry = ENTRY.matcher(text);
        while (entry.find()) {
            codes.add(entry.group(1).toLowerCase(Locale.ROOT));
            labels.add(entry.group(2));
        }
        Matcher olderCode = OLDER.matcher(text);
        while (olderCode.find()) {
            older.add(olderCode.group(1));
        }
    }

    /**
     * The main sources other than the home and {@code exempt} that keep a copy; {@code otherWords}: codes and labels
     * that are also words of other lists, which do not count.
     */
    List<String> copies(Set<Path> exempt, Set<String> otherWords) throws IOException {
        List<String> copies = new ArrayList<>();
        for (Path file : mainSources()) {
            Path relative = root.relativize(file);
            if (relative.equals(home) || exempt.contains(relative)) {
                continue;
            }
            String text = Files.readString(file);
            List<String> found = new ArrayList<>();
            codes.stream().filter(code -> !otherWords.contains(code) && quoted(text, code)).forEach(found::add);
            labels.stream().filter(label -> !otherWords.contains(label) && quoted(text, label)).forEach(found::add);
            long olderFound = older.stream().filter(code -> quoted(text, code)).count();
            if (found.size() >= 2 || olderFound > 0) {
                copies.add(relative + " spells " + found + (olderFound > 0 ? " and older codes" : ""));
            }
        }
        return copies;
    }

    /** The literal as code writes it: in double or single quotes, or as a properties value. */
    private static boolean quoted(String text, String literal) {
        return text.contains("\"" + literal + "\"") || text.contains("'" + literal + "'")
                || text.contains("=" + literal + "\n");
    }

    private List<Path> mainSources() throws IOException {
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(Files::isRegularFile)
                    .filter(file -> root.relativize(file).toString()
                            .matches("[^/]+/src/main/.*\\.(java|js|html|properties|json|yaml)"))
                    .toList();
        }
    }
}
