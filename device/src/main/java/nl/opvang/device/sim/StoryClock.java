package nl.opvang.device.sim;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** The simulated nodes' clock: set to a past step's time while a {@link History} is replayed, then the real time. */
final class StoryClock extends Clock {
    private volatile Instant fixed;

    StoryClock(Instant fixed) {
        this.fixed = fixed;
    }

    /** From now on the clock says {@code at}, until {@link #release()}. */
    void set(Instant at) {
        fixed = at;
    }

    /** Back to the real time, for good. */
    void release() {
        fixed = null;
    }

    @Override
    public Instant instant() {
        Instant at = fixed;
        return at != null ? at : Instant.now();
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException("the simulation's clock is UTC");
    }
}
