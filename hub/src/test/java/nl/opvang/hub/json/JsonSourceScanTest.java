package nl.opvang.hub.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** One configured mapper per process (issue 12 item 6): the hub's main code builds an ObjectMapper only in {@link Json}. */
class JsonSourceScanTest {
    /** A mapper built by constructor or builder, JSON or YAML. */
    static final Pattern MAPPER_BUILT = Pattern.compile(
            "new\\s+(ObjectMapper|JsonMapper|YAMLMapper|CsvMapper|XmlMapper)\\s*\\(|(JsonMapper|YAMLMapper)\\s*\\.\\s*builder\\s*\\(");
    private static final Path FACTORY = Path.of("src/main/java/nl/opvang/hub/json/Json.java");

    @Test
    void no_main_class_but_the_factory_builds_an_object_mapper() throws IOException {
        assertEquals(List.of(), builders(Path.of("src/main/java"), FACTORY));
    }

    @Test
    void the_scan_finds_the_factorys_own_mappers() throws IOException {
        assertTrue(MAPPER_BUILT.matcher(Files.readString(FACTORY)).find(), "the pattern still matches how Json builds them");
    }

    /** The files under {@code root}, except {@code factory}, that build a mapper. */
    static List<Path> builders(Path root, Path factory) throws IOException {
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(file -> file.toString().endsWith(".java") && !file.equals(factory))
                    .filter(file -> {
                        try {
                            return MAPPER_BUILT.matcher(Files.readString(file)).find();
                        } catch (IOException e) {
                            throw new java.io.UncheckedIOException(e);
                        }
                    })
                    .toList();
        }
    }
}
