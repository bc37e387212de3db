package nl.opvang.hardware;

import java.util.function.Consumer;

/**
 * A switch under one bed that says whether someone lies in it. Listeners hear each change of state once; they run on
 * the hardware's event thread and must only enqueue (docs/DESIGN.md §1).
 */
public interface BedSensor {

    /** Whether the bed is occupied now. */
    boolean occupied();

    /** Calls {@code listener} with the new state each time it changes. */
    void onChange(Consumer<Boolean> listener);
}
