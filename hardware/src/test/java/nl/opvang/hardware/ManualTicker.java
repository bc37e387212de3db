package nl.opvang.hardware;

import java.time.Duration;

/** A clock that moves only when the test says so. */
public final class ManualTicker implements Ticker {

    private long nanos;

    @Override
    public synchronized long nanos() {
        return nanos;
    }

    public synchronized void advance(Duration step) {
        nanos += step.toNanos();
    }
}
