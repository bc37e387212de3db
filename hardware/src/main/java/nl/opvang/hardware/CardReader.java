package nl.opvang.hardware;

import java.util.function.Consumer;

/**
 * Reads client passes. A missing or unplugged reader never throws: it shows in {@link #status()} (and to
 * {@link #onStatus} listeners) and the reader keeps looking for it.
 *
 * <p>Listeners run on the reader's own thread and must only enqueue (docs/DESIGN.md §1).
 */
public interface CardReader {

    /** Calls {@code listener} with each pass number read (digits, or a card UID in hexadecimal). */
    void onCard(Consumer<String> listener);

    /** Calls {@code listener} each time the status changes. */
    void onStatus(Consumer<ReaderStatus> listener);

    /** The current status. */
    ReaderStatus status();
}
