package nl.opvang.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
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
    /** Codes that are also words of other lists (a hold is "refused", a place "full"): only their labels count here. */
    private static final Set<String> WORDS_OF_OTHER_LISTS = Set.of("full", "refused", "other");

    @Test
    void no_main_source_keeps_its_own_copy_of_the_turn_away_reasons() throws IOException {
        VocabularyCopies vocabulary = new VocabularyCopies(HOME);
        assertTrue(vocabulary.codes.containsAll(List.of("full", "not_suitable", "regional_binding", "other")),
                "read " + vocabulary.codes);
        assertEquals(Set.of("vol", "niet-passend", "regiobinding"), vocabulary.older);

        assertEquals(List.of(), vocabulary.copies(Set.of(SCHEMA), WORDS_OF_OTHER_LISTS),
                "use nl.opvang.protocol.TurnAwayReason (or the kiosk's state, the hub's words)");
    }
}
