package nl.opvang.device.panel;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Optional;
import nl.opvang.hardware.LightState;
import nl.opvang.protocol.Kind;
import nl.opvang.protocol.Payload;
import org.junit.jupiter.api.Test;

/** The words and the light for each state, on the displays the hardware module supports. */
class PanelScreenTest {
    private static final Optional<Payload.CountState> THREE_OF_FOUR_FREE =
            Optional.of(new Payload.CountState(Kind.NOOD, 4, true, 1));

    @Test
    void a_wide_display_shows_the_waiting_events_on_the_connection_line() {
        PanelScreen screen = PanelScreen.of(Kind.NOOD, THREE_OF_FOUR_FREE, false, 2, Optional.empty(), 40, 4);

        assertEquals(List.of("Noodbedden vrij: 3", "Geen verbinding (2 wachtend)", "", "Bezet: 1 van 4"), screen.lines());
        assertEquals(LightState.AMBER, screen.light());
    }

    @Test
    void a_20_column_display_puts_the_waiting_events_on_their_own_line() {
        PanelScreen screen = PanelScreen.of(Kind.NOOD, THREE_OF_FOUR_FREE, false, 2, Optional.empty(), 20, 4);

        assertEquals(List.of("Noodbedden vrij: 3", "Geen verbinding", "2 wachtend", "Bezet: 1 van 4"), screen.lines());
    }

    @Test
    void a_two_line_display_shows_a_message_instead_of_the_connection_while_it_lasts() {
        PanelScreen screen = PanelScreen.of(Kind.NOOD, THREE_OF_FOUR_FREE, true, 0, Optional.of("Al 0 bezet"), 16, 2);

        assertEquals(List.of("Noodbedden vrij: 3", "Al 0 bezet"), screen.lines());
        assertEquals(LightState.GREEN, screen.light());
    }

    @Test
    void long_kind_names_are_shortened_to_fit_a_narrow_display() {
        PanelScreen screen = PanelScreen.of(Kind.CRISIS, Optional.of(new Payload.CountState(Kind.CRISIS, 2, true, 2)), true, 0,
                Optional.empty(), 20, 4);

        assertEquals("Crisis vrij: 0", screen.lines().get(0));
        assertEquals(LightState.RED, screen.light());
    }

    @Test
    void a_kind_the_node_does_not_have_is_named_and_never_shown_as_free() {
        PanelScreen screen = PanelScreen.of(Kind.NOOD, Optional.empty(), true, 0, Optional.empty(), 20, 4);

        assertEquals("Geen noodbedden", screen.lines().get(0));
        assertEquals(LightState.RED, screen.light());
    }
}
