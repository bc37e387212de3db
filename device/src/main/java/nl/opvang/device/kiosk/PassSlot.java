package nl.opvang.device.kiosk;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import nl.opvang.hardware.CardReader;
import nl.opvang.hardware.ReaderStatus;

/**
 * Holds the one pass the card reader read while a check-in or check-out dialog was open. The number stays here, on
 * the server: the page only learns that a pass was read and sends back "use the pass from the reader", so the number
 * never appears in an API answer or in the page. A pass read while no dialog waits for one is dropped.
 */
final class PassSlot {
    private static final Duration KEEP = Duration.ofMinutes(2);

    private final CardReader reader;
    private final Clock clock;
    private boolean armed;
    private String pass;
    private Instant readAt = Instant.EPOCH;

    PassSlot(CardReader reader, Clock clock) {
        this.reader = reader;
        this.clock = clock;
        if (reader != null) {
            // The reader's thread only stores the number (docs/DESIGN.md §1).
            reader.onCard(this::offer);
        }
    }

    /** The reader's status, or empty when no reader is fitted. */
    Optional<ReaderStatus> status() {
        return Optional.ofNullable(reader).map(CardReader::status);
    }

    /** A dialog opened: wait for a pass, forgetting any earlier one. */
    synchronized void arm() {
        armed = true;
        pass = null;
    }

    /** The dialog closed: forget the pass. */
    synchronized void disarm() {
        armed = false;
        pass = null;
    }

    synchronized boolean hasPass() {
        return fresh() != null;
    }

    /** Hands the read pass over once and forgets it. */
    synchronized Optional<String> take() {
        String taken = fresh();
        pass = null;
        return Optional.ofNullable(taken);
    }

    synchronized void offer(String passNumber) {
        if (armed && passNumber != null && !passNumber.isBlank()) {
            pass = passNumber;
            readAt = clock.instant();
        }
    }

    private String fresh() {
        return pass != null && clock.instant().isBefore(readAt.plus(KEEP)) ? pass : null;
    }
}
