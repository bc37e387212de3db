package nl.opvang.hardware;

/** A monotonic clock in nanoseconds, so that debouncing can be tested against a controllable clock. */
@FunctionalInterface
public interface Ticker {

    /** Nanoseconds since an arbitrary origin; only differences mean anything. */
    long nanos();

    /** The JVM's monotonic clock. */
    static Ticker system() {
        return System::nanoTime;
    }
}
