package nl.opvang.hub.location;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

/** A phone as the region file writes it, taken apart for a {@code tel:} link (issue #15 item 3). */
class PhoneTest {
    @Test
    void the_number_before_the_note_is_dialled_and_the_note_is_kept_apart() {
        assertEquals("0880000200", Phone.dialled("088 000 0200 (24/7)"));
        assertEquals("24/7", Phone.noteOf("088 000 0200 (24/7)"));
        assertEquals("+31880000200", Phone.dialled("+31 88 000 0200"));
        assertNull(Phone.noteOf("+31 88 000 0200"));
        assertEquals("0330000101", Phone.dialled("033-000-0101"));
    }

    @Test
    void text_that_is_no_phone_number_gives_no_number_and_no_note() {
        assertNull(Phone.dialled("bel de receptie"));
        assertNull(Phone.noteOf("bel de receptie"));
        assertNull(Phone.dialled(null));
        assertNull(Phone.dialled("  "));
        assertNull(Phone.dialled("088 000 0200 247"), "the old bug's digits: 13 digits are no Dutch number");
    }
}
