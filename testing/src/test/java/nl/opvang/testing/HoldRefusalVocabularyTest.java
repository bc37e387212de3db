package nl.opvang.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The reasons a location refuses a placement request are one vocabulary (docs/DESIGN.md §3), kept in
 * {@code protocol/.../HoldRefusal.java} with their Dutch labels: the kiosk (through the node's state), the simulator and
 * the hub's monitoring read it. A main source file that spells two or more of its codes or labels holds a copy and fails
 * here.
 */
class HoldRefusalVocabularyTest {
    private static final Path HOME = Path.of("protocol/src/main/java/nl/opvang/protocol/HoldRefusal.java");
    /** Also words of the turn-away reasons ("other", "Anders"): they do not count as a copy here. */
    private static final Set<String> WORDS_OF_OTHER_LISTS = Set.of("other", "Anders");

    @Test
    void no_main_source_keeps_its_own_copy_of_the_refusal_reasons() throws IOException {
        VocabularyCopies vocabulary = new VocabularyCopies(HOME);
        assertEquals(List.of("no_place", "unsuited", "safety", "other"), List.copyOf(vocabulary.codes));
        assertEquals(List.of("Geen plek vrij", "Past niet bij onze doelgroep", "Veiligheid", "Anders"),
                List.copyOf(vocabulary.labels));

        assertEquals(List.of(), vocabulary.copies(Set.of(), WORDS_OF_OTHER_LISTS),
                "use nl.opvang.protocol.HoldRefusal (or the kiosk's state)");
    }
}
