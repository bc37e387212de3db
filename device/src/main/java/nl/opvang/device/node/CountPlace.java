package nl.opvang.device.node;

import java.time.Instant;
import nl.opvang.protocol.Kind;

/**
 * A count-only kind as the node keeps it (issue 13): besides what a birth says, the places configured here (the most it
 * may open), the target set by {@code set_capacity} or {@code open_nood} (null: all configured) and whether it is
 * closing, i.e. closes as soon as nobody uses it.
 */
public record CountPlace(Kind kind, int configured, Integer target, int capacity, boolean open, int occupied,
                         Instant until, boolean closing) {
    /** The places it should have when no guest holds them up: its target, else all configured. */
    public int effectiveTarget() {
        return target == null ? configured : Math.min(target, configured);
    }

    /** The capacity a closed kind reports: what opening without a number would open. */
    public int closedCapacity() {
        return effectiveTarget();
    }
}
