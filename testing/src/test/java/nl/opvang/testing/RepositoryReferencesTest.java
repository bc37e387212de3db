package nl.opvang.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The repository stands on its own: no tracked text file refers to something a person who cloned it does not have.
 * <ul>
 * <li>A section reference such as "docs/DESIGN.md §3", "DESIGN §2, §3" or "PRODUCTION.md §4–§6" names a document of
 * the repository that has a heading of that number ("## 3." …).</li>
 * <li>A fault id cited as "FAULTS R08" or "FAULTS S12–S14" is a row of the catalogue in docs/DESIGN.md §9.</li>
 * <li>No path leaves the repository ({@code ../shared/…}, {@code /work/…}), and none of the documents of the brief
 * the project grew from is named (UX.md, STACK.md, FAULTS.md, STYLE.md, the domain brief, its seeds folder).</li>
 * <li>Every relative link of a Markdown file resolves to a file or folder inside the repository.</li>
 * </ul>
 */
class RepositoryReferencesTest {
    /** A document name, as a path, a bare name ("DESIGN") or a Markdown link, followed by one or more section numbers. */
    private static final Pattern SECTION_REFERENCE = Pattern.compile(
            "(?<![\\w-])((?:[\\w.-]+/)*)([A-Z][A-Z0-9-]+)(\\.md)?(?:\\]\\(([^)\\s#]*)[^)\\s]*\\))?\\s*§\\s*(\\d+[a-z]?)"
                    + "((?:\\s*[–-]\\s*§?\\s*\\d+[a-z]?|\\s*,\\s*§\\s*\\d+[a-z]?)*)");
    /** A document name at the end of a line and its section at the start of the next (a wrapped comment). */
    private static final Pattern WRAPPED = Pattern.compile(
            "((?:[\\w.-]+/)*[A-Z][A-Z0-9-]+(?:\\.md)?(?:\\]\\([^)\\s]*\\))?)[ \\t]*\\r?\\n[ \\t]*(?:\\*|//|#|--)?[ \\t]*(§[^\\n]*)");
    private static final Pattern MORE_SECTIONS = Pattern.compile("(\\d+[a-z]?)");
    private static final Pattern FAULT_REFERENCE = Pattern.compile(
            "\\bFAULTS\\s+([RS]\\d{2}(?:\\s*(?:,|/|–|-|and)\\s*[RS]\\d{2})*)");
    private static final Pattern FAULT_ID = Pattern.compile("[RS]\\d{2}");
    private static final Pattern OUTSIDE = Pattern.compile(
            "\\.\\./shared\\b|(?<![\\w.])/work/|\\b(?:UX|STACK|FAULTS|STYLE)\\.md\\b|domain-brief|(?<![\\w-])seeds/");
    private static final Pattern MARKDOWN_LINK = Pattern.compile("\\]\\(([^)\\s]+)\\)");
    private static final Set<String> BINARY = Set.of("png", "jpg", "jpeg", "gif", "ico", "jar", "zip", "gz", "db",
            "sqlite", "woff", "woff2", "ttf", "pdf", "p12", "jks", "class");

    @Test
    void every_reference_resolves_inside_the_repository() throws IOException {
        Path root = Repository.root();
        Set<String> faults = faultIds(Files.readString(root.resolve("docs/DESIGN.md")));
        assertTrue(faults.contains("R01") && faults.contains("S21"), "the catalogue of docs/DESIGN.md §9: " + faults);
        Path self = root.resolve("testing/src/test/java/nl/opvang/testing/RepositoryReferencesTest.java");
        List<String> problems = new ArrayList<>();
        for (Path file : textFiles(root)) {
            if (file.equals(self)) {
                continue; // its patterns name what they look for
            }
            String text = read(file);
            if (text == null) {
                continue;
            }
            String where = root.relativize(file).toString();
            List<String> lines = text.lines().toList();
            for (int i = 0; i < lines.size(); i++) {
                check(root, file, where + ":" + (i + 1), lines.get(i), faults, problems);
            }
            Matcher wrapped = WRAPPED.matcher(text);
            while (wrapped.find()) {
                int line = (int) text.substring(0, wrapped.start()).chars().filter(c -> c == '\n').count() + 1;
                check(root, file, where + ":" + line, wrapped.group(1) + " " + wrapped.group(2), faults, problems);
            }
        }
        assertTrue(problems.isEmpty(), problems.size() + " reference(s) that a clone of the repository cannot follow:\n"
                + String.join("\n", problems));
    }

    @Test
    void the_checks_catch_what_they_are_for() throws IOException {
        Path root = Repository.root();
        Path design = root.resolve("docs/DESIGN.md");
        Set<String> faults = faultIds(Files.readString(design));
        List<String> problems = new ArrayList<>();
        Path code = root.resolve("hub/src/main/java/nl/opvang/hub/Example.java");
        for (String line : List.of("see DESIGN §42", "docs/DESIGN.md §3, §99", "(FAULTS R99)", "../shared/notes",
                "as in STACK §5", "[x](../../elsewhere.md)", "code: DESIGN §3")) {
            int before = problems.size();
            check(root, line.startsWith("code: ") ? code : design, line, line, faults, problems);
            assertEquals(before + 1, problems.size(), "not caught: " + line);
        }
        check(root, code, "code: docs/DESIGN.md §3 and docs/PRODUCTION.md §5a", "docs/DESIGN.md §3 and docs/PRODUCTION.md §5a",
                faults, problems);
        for (String line : List.of("docs/DESIGN.md §3, §9 (FAULTS R08, S12–S14)", "[PRODUCTION.md](PRODUCTION.md) §5a",
                "DESIGN.md §1", "[the design](DESIGN.md#1-shape)", "fixed seeds round-trip")) {
            check(root, design, line, line, faults, problems);
        }
        assertEquals(7, problems.size(), String.join("\n", problems));
    }

    private static void check(Path root, Path file, String where, String line, Set<String> faults, List<String> problems) {
        Matcher section = SECTION_REFERENCE.matcher(line);
        while (section.find()) {
            String name = section.group(2) + ".md";
            Path document = document(root, file, section.group(1), name, section.group(3) != null, section.group(4));
            if (document == null) {
                Path inDocs = root.resolve("docs").resolve(name);
                problems.add(where + ": \"" + section.group().strip() + "\" names " + name + (Files.isRegularFile(inDocs)
                        ? " without a path that finds it: write docs/" + name + " §" + section.group(5)
                        : ", which the repository does not have"));
                continue;
            }
            List<String> numbers = new ArrayList<>(List.of(section.group(5)));
            Matcher more = MORE_SECTIONS.matcher(section.group(6));
            while (more.find()) {
                numbers.add(more.group(1));
            }
            String headings = readOrEmpty(document);
            for (String number : numbers) {
                if (!Pattern.compile("(?m)^#{2,3} " + Pattern.quote(number) + "\\.\\s").matcher(headings).find()) {
                    problems.add(where + ": \"" + section.group().strip() + "\": " + root.relativize(document)
                            + " has no section " + number);
                }
            }
        }
        Matcher fault = FAULT_REFERENCE.matcher(line);
        while (fault.find()) {
            Matcher id = FAULT_ID.matcher(fault.group(1));
            while (id.find()) {
                if (!faults.contains(id.group())) {
                    problems.add(where + ": fault " + id.group() + " is not in the catalogue of docs/DESIGN.md §9");
                }
            }
        }
        Matcher outside = OUTSIDE.matcher(line);
        while (outside.find()) {
            problems.add(where + ": \"" + outside.group() + "\" is outside the repository");
        }
        if (file.toString().endsWith(".md")) {
            Matcher link = MARKDOWN_LINK.matcher(line);
            while (link.find()) {
                String target = link.group(1);
                if (target.matches("^[a-z][a-z0-9+.-]*:.*") || target.startsWith("#")) {
                    continue; // a URL, or an anchor in the same file
                }
                String path = target.replaceAll("[#?].*$", "");
                Path resolved = file.getParent().resolve(path).normalize();
                if (!resolved.startsWith(root) || !Files.exists(resolved)) {
                    problems.add(where + ": link to " + target + ", which is not in the repository");
                }
            }
        }
    }

    /**
     * The document a reference names, found the way a reader would: its link target, its path from the citing file, or,
     * when it is written as a path or a file name ("docs/DESIGN.md", "README.md"), from the repository root. A bare
     * name ("DESIGN §3") is found only beside the citing file, as in the documents of docs/.
     */
    private static Path document(Path root, Path citing, String folders, String name, boolean md, String link) {
        List<Path> candidates = new ArrayList<>();
        if (link != null && !link.isEmpty()) {
            candidates.add(citing.getParent().resolve(link));
        }
        candidates.add(citing.getParent().resolve(folders + name));
        if (md || !folders.isEmpty()) {
            candidates.add(root.resolve(folders + name));
        }
        for (Path candidate : candidates) {
            Path normal = candidate.normalize();
            if (normal.startsWith(root) && Files.isRegularFile(normal)) {
                return normal;
            }
        }
        return null;
    }

    static Set<String> faultIds(String design) {
        Set<String> ids = new HashSet<>();
        Matcher row = Pattern.compile("(?m)^\\| ([RS]\\d{2}) \\|").matcher(design);
        while (row.find()) {
            ids.add(row.group(1));
        }
        return ids;
    }

    /** The files git tracks (the repository a clone gets); without git, every file outside build output. */
    private static List<Path> textFiles(Path root) throws IOException {
        List<Path> files = new ArrayList<>();
        if (Files.exists(root.resolve(".git"))) {
            try {
                Process git = new ProcessBuilder("git", "ls-files", "-z").directory(root.toFile())
                        .redirectError(ProcessBuilder.Redirect.DISCARD).start();
                byte[] out = git.getInputStream().readAllBytes();
                if (git.waitFor(30, TimeUnit.SECONDS) && git.exitValue() == 0) {
                    for (String name : new String(out, StandardCharsets.UTF_8).split("\0")) {
                        Path file = root.resolve(name);
                        if (!name.isEmpty() && text(file) && Files.isRegularFile(file)) {
                            files.add(file);
                        }
                    }
                    assertFalse(files.isEmpty(), "git ls-files listed nothing in " + root);
                    return files;
                }
            } catch (IOException noGit) {
                // Fall through to walking the tree.
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        try (Stream<Path> walk = Files.walk(root)) {
            walk.filter(Files::isRegularFile)
                    .filter(file -> {
                        String relative = root.relativize(file).toString();
                        return !relative.matches("(^|.*/)(target|node_modules|\\.git)/.*");
                    })
                    .filter(RepositoryReferencesTest::text)
                    .forEach(files::add);
        }
        return files;
    }

    private static boolean text(Path file) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return !(dot >= 0 && BINARY.contains(name.substring(dot + 1).toLowerCase(java.util.Locale.ROOT)))
                && !name.endsWith(".min.js");
    }

    /** The file as UTF-8 text, or null when it is not text. */
    private static String read(Path file) {
        try {
            byte[] bytes = Files.readAllBytes(file);
            for (int i = 0; i < Math.min(bytes.length, 8192); i++) {
                if (bytes[i] == 0) {
                    return null;
                }
            }
            return StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException notText) {
            return null;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String readOrEmpty(Path file) {
        String text = read(file);
        return text == null ? "" : text;
    }
}
