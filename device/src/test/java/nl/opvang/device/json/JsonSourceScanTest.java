package nl.opvang.device.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** One configured mapper per process (issue 12 item 6): the device's main code builds an ObjectMapper only in {@link Json}. */
class JsonSourceScanTest {
    /** A mapper built by constructor or builder. */
    private static final Pattern MAPPER_BUILT = Pattern.compile(
            "new\\s+(ObjectMapper|JsonMapper|YAMLMapper|CsvMapper|XmlMapper)\\s*\\(|(JsonMapper|YAMLMapper)\\s*\\.\\s*builder\\s*\\(");
    private static final Path FACTORY = Path.of("src/main/java/nl/opvang/device/json/Json.java");

    @Test
    void no_main_class_but_the_factory_builds_an_object_mapper() throws IOException {
        try (Stream<Path> files = Files.walk(Path.of("src/main/java"))) {
            List<Path> builders = files.filter(file -> file.toString().endsWith(".java") && !file.equals(FACTORY))
                    .filter(JsonSourceScanTest::buildsMapper).toList();
            assertEquals(List.of(), builders);
        }
    }

    @Test
    void the_scan_finds_the_factorys_own_mapper() {
        assertTrue(buildsMapper(FACTORY), "the pattern still matches how Json builds it");
    }

    private static boolean buildsMapper(Path file) {
        try {
            return MAPPER_BUILT.matcher(Files.readString(file)).find();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
