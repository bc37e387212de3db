package nl.opvang.hub.testkit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The region file of the test location alone (docs/DESIGN.md §2: site {@code test}, node {@code test-1}, beds T1–T4
 * regular and T5 crisis), for the tests that start a hub process on it.
 */
public final class TestRegion {
    public static final String TEXT = """
            regions:
              - code: amersfoort
                name: Regio Amersfoort
                locations:
                  - code: test
                    name: Testlocatie
                    municipality: Amersfoort
                    phone: "033 000 0000"
                    secret: false
                    nodes:
                      - code: test-1
                        beds:
                          - {kind: regular, codes: [T1-T4]}
                          - {kind: crisis, codes: [T5]}
            """;

    private TestRegion() {
    }

    /** Writes it as {@code test.yaml} in {@code dir}; returns the file. */
    public static Path write(Path dir) throws IOException {
        return Files.writeString(dir.resolve("test.yaml"), TEXT);
    }
}
