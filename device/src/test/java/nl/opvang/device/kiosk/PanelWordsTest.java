package nl.opvang.device.kiosk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import nl.opvang.protocol.Kind;
import org.junit.jupiter.api.Test;

/** The panel's labels come from the node's one words file: every kind has one (a missing one would show the wire name). */
class PanelWordsTest {
    @Test
    void every_kind_has_a_panel_label_wide_and_narrow() {
        for (Kind kind : Kind.values()) {
            assertNotEquals(kind.wire(), Dutch.panelLabel(kind, false), kind.wire());
            assertNotEquals(kind.wire(), Dutch.panelLabel(kind, true), kind.wire());
        }
        assertEquals("Crisisplekken", Dutch.panelLabel(Kind.CRISIS, false));
        assertEquals("Crisis", Dutch.panelLabel(Kind.CRISIS, true));
        assertEquals("Noodbedden", Dutch.panelLabel(Kind.NOOD, true));
    }
}
