package nl.opvang.hub.monitoring;

import java.time.Duration;
import java.time.Instant;

/**
 * The time the monitoring figures date an event by (docs/MONITORING.md "Event times"): the node's own time (the
 * envelope's {@code at}), because a node that was offline, or the demo's history, sends events days after they
 * happened; bounded by the hub's arrival time. Never later than arrival (a node's clock ahead of the hub's cannot date
 * a stay in the future); and a time more than {@link #TRUSTED} before arrival is a broken clock (a Pi without a clock
 * battery that boots in its image's year), whose times say nothing: such an event is dated by its arrival.
 */
final class EventTime {
    /** How far before its arrival an event's own time is believed: the demo's 12 weeks and a long node outage. */
    static final Duration TRUSTED = Duration.ofDays(100);

    private EventTime() {
    }

    /** The time to date an event by, in ms: its own time {@code at}, bounded by {@code arrivalMs}. */
    static long of(Instant at, long arrivalMs) {
        long own = at.toEpochMilli();
        if (own > arrivalMs) {
            return arrivalMs;
        }
        return own < arrivalMs - TRUSTED.toMillis() ? arrivalMs : own;
    }
}
