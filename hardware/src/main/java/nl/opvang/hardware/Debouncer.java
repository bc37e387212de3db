package nl.opvang.hardware;

import java.time.Duration;

/**
 * Turns the edges of a bouncing contact into presses. A press is an edge to the active level after the contact has
 * been quiet for the whole window; any edge inside the window (press bounce, release bounce) restarts the quiet time.
 * Accepting the first edge keeps the button responsive; the quiet rule stops release bounce from counting as a press.
 */
public final class Debouncer {

    private final Ticker ticker;
    private final long windowNanos;
    private long lastEdge;
    private boolean seenEdge;

    public Debouncer(Ticker ticker, Duration window) {
        if (window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException("debounce window must be positive, was " + window);
        }
        this.ticker = ticker;
        this.windowNanos = window.toNanos();
    }

    /** Records an edge; true when it is a press ({@code active} and the contact was quiet for the window). */
    public synchronized boolean isPress(boolean active) {
        long now = ticker.nanos();
        boolean quiet = !seenEdge || now - lastEdge >= windowNanos;
        lastEdge = now;
        seenEdge = true;
        return active && quiet;
    }
}
