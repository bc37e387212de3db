package nl.opvang.hub.coldweather;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.Optional;
import nl.opvang.hub.availability.PlaceState;
import nl.opvang.protocol.Kind;
import org.junit.jupiter.api.Test;

/** When a node's reported noodbedden count as what cold-weather mode wants (docs/DESIGN.md §4). */
class NoodReconcilerTest {
    private static final Instant UNTIL = Instant.parse("2026-12-08T11:00:00Z");

    @Test
    void open_until_the_end_time_is_confirmed_and_closed_or_unknown_is_not() {
        assertTrue(NoodReconciler.confirmedOpen(Optional.of(nood(true, UNTIL)), UNTIL, true));
        assertFalse(NoodReconciler.confirmedOpen(Optional.of(nood(false, null)), UNTIL, true));
        assertFalse(NoodReconciler.confirmedOpen(Optional.empty(), UNTIL, false), "never heard of");
    }

    @Test
    void a_node_that_reports_no_end_time_counts_as_open_older_software_does_not_send_one() {
        assertTrue(NoodReconciler.confirmedOpen(Optional.of(nood(true, null)), UNTIL, true));
    }

    @Test
    void after_an_extension_the_old_end_time_is_not_confirmed_so_the_new_one_is_sent() {
        Instant extended = UNTIL.plusSeconds(86_400);
        assertFalse(NoodReconciler.confirmedOpen(Optional.of(nood(true, UNTIL)), extended, true));
    }

    @Test
    void noodbedden_the_staff_opened_for_longer_are_left_alone_but_the_mode_corrects_its_own_after_a_shortening() {
        Instant longer = UNTIL.plusSeconds(3600);
        assertTrue(NoodReconciler.confirmedOpen(Optional.of(nood(true, longer)), UNTIL, false));
        assertFalse(NoodReconciler.confirmedOpen(Optional.of(nood(true, longer)), UNTIL, true));
    }

    private static PlaceState nood(boolean open, Instant until) {
        return new PlaceState("noodbedden-1", "*nood", Kind.NOOD, true, 10, open, 0, null, 0, open ? 0L : null,
                until == null ? null : until.toEpochMilli());
    }
}
