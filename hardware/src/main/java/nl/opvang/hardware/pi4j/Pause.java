package nl.opvang.hardware.pi4j;

import java.util.concurrent.locks.LockSupport;

/** Waits the HD44780's execution times; tests pass one that does not wait. */
@FunctionalInterface
public interface Pause {

    /** Waits at least {@code micros} microseconds. */
    void micros(long micros);

    /** Parks the thread; on Linux this waits at least the time asked, often a little more, which the display allows. */
    static Pause real() {
        return micros -> LockSupport.parkNanos(micros * 1_000L);
    }
}
