package nl.opvang.device.panel;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import nl.opvang.device.kiosk.Dutch;
import nl.opvang.hardware.LightState;
import nl.opvang.protocol.Kind;
import nl.opvang.protocol.Payload;

/**
 * What the panel shows for one moment: the display's lines and the status light. Pure, so that the words and the
 * precedence (no hub contact wins over full and free) are decided in one place.
 *
 * @param lines the display rows, top first, never more than the display has
 * @param light the status light
 */
record PanelScreen(List<String> lines, LightState light) {

    PanelScreen {
        lines = List.copyOf(lines);
    }

    /**
     * The screen for the current state.
     *
     * @param kind      the count-only kind the panel counts
     * @param place     its state at the node, empty when the node's config does not list the kind
     * @param connected whether the node has contact with the hub
     * @param pending   events recorded locally and not yet acknowledged by the hub
     * @param message   a short message after a refused press, shown for a few seconds
     * @param columns   characters per display line
     * @param rows      lines on the display
     */
    static PanelScreen of(Kind kind, Optional<Payload.CountState> place, boolean connected, long pending,
                          Optional<String> message, int columns, int rows) {
        return of(kind, place, connected, pending, message, columns, rows, "");
    }

    /** As above, with a note for the third line when no waiting count needs it ("Tot di 8 dec 12:00"). */
    static PanelScreen of(Kind kind, Optional<Payload.CountState> place, boolean connected, long pending,
                          Optional<String> message, int columns, int rows, String note) {
        int free = place.map(PanelScreen::free).orElse(0);
        List<String> content = new ArrayList<>();
        content.add(place.map(state -> freeLine(kind, state, columns)).orElse("Geen " + label(kind, 0).toLowerCase(Locale.ROOT)));
        String connection = connected ? "Verbonden" : "Geen verbinding";
        String waiting = pending + " wachtend";
        String withWaiting = connection + " (" + waiting + ")";
        boolean waitingFits = withWaiting.length() <= columns;
        content.add(pending > 0 && waitingFits ? withWaiting : connection);
        content.add(pending > 0 && !waitingFits ? waiting : note);
        content.add(message.orElseGet(() -> place.map(state -> "Bezet: " + state.occupied() + " van " + state.capacity())
                .orElse("")));
        List<String> lines = rows >= content.size() ? content : compact(content, message, rows);
        LightState light;
        if (!connected) {
            // The counts may be stale for the region: say so before anything else.
            light = LightState.AMBER;
        } else {
            light = free > 0 ? LightState.GREEN : LightState.RED;
        }
        return new PanelScreen(lines, light);
    }

    /** Free places: closed places (nood outside cold-weather mode) are not free (docs/DESIGN.md §4). */
    static int free(Payload.CountState place) {
        return place.open() ? Math.max(0, place.capacity() - place.occupied()) : 0;
    }

    private static String freeLine(Kind kind, Payload.CountState place, int columns) {
        if (!place.open()) {
            return label(kind, columns) + " gesloten";
        }
        String full = label(kind, 0) + " vrij: " + free(place);
        return full.length() <= columns ? full : label(kind, columns) + " vrij: " + free(place);
    }

    /** The docs/DESIGN.md §6 word, plural; a shorter one when {@code columns} is small (0 means no limit). */
    private static String label(Kind kind, int columns) {
        return Dutch.panelLabel(kind, columns > 0 && columns < 22);
    }

    /** A two-line display: the free places, then the message while it lasts, else the connection. */
    private static List<String> compact(List<String> content, Optional<String> message, int rows) {
        List<String> lines = new ArrayList<>();
        lines.add(content.get(0));
        if (rows > 1) {
            lines.add(message.orElse(content.get(1)));
        }
        for (int row = 2; row < rows; row++) {
            lines.add(content.get(row));
        }
        return lines;
    }
}
