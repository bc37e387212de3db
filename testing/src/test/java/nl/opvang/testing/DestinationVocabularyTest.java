package nl.opvang.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Destinations at check-out are one vocabulary (docs/DESIGN.md §3), kept in {@code protocol/.../Destination.java}
 * with their Dutch labels: the kiosk (through the node's state), the simulator and the hub's monitoring read it. A main
 * source file that spells two or more of its codes or labels, or an older code, holds a copy and fails here.
 */
class DestinationVocabularyTest {
    private static final Path HOME = Path.of("protocol/src/main/java/nl/opvang/protocol/Destination.java");
    /** Also words of the origin classes (monitoring's "buitenland", "onbekend"): they do not count as a copy here. */
    private static final Set<String> WORDS_OF_OTHER_LISTS = Set.of("buitenland", "Buitenland", "onbekend", "Onbekend");

    @Test
    void no_main_source_keeps_its_own_copy_of_the_destinations() throws IOException {
        VocabularyCopies vocabulary = new VocabularyCopies(HOME);
        assertTrue(vocabulary.codes.containsAll(List.of("woning", "andere_opvang", "straat", "buitenland", "onbekend")),
                "read " + vocabulary.codes);
        assertEquals(Set.of("begeleid-wonen", "andere-opvang"), vocabulary.older);

        assertEquals(List.of(), vocabulary.copies(Set.of(), WORDS_OF_OTHER_LISTS),
                "use nl.opvang.protocol.Destination (or the kiosk's state)");
    }
}
