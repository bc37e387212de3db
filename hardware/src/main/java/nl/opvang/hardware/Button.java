package nl.opvang.hardware;

/**
 * A push button, already debounced: one physical press is one call to each listener.
 *
 * <p>Listeners run on the hardware's event thread. They must only hand the press on (enqueue it), never do the work
 * themselves (docs/DESIGN.md §1).
 */
public interface Button {

    /** Calls {@code listener} once per press. */
    void onPress(Runnable listener);
}
