package nl.opvang.hardware.reader;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import nl.opvang.hardware.ReaderStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The listeners and status every reader has. A failing listener is logged, so the reader thread keeps reading. */
final class ReaderSignals {

    private static final Logger LOG = LoggerFactory.getLogger(ReaderSignals.class);

    private final String reader;
    private final List<Consumer<String>> cardListeners = new CopyOnWriteArrayList<>();
    private final List<Consumer<ReaderStatus>> statusListeners = new CopyOnWriteArrayList<>();
    private volatile ReaderStatus status = ReaderStatus.STARTING;

    ReaderSignals(String reader) {
        this.reader = reader;
    }

    void onCard(Consumer<String> listener) {
        cardListeners.add(listener);
    }

    void onStatus(Consumer<ReaderStatus> listener) {
        statusListeners.add(listener);
    }

    ReaderStatus status() {
        return status;
    }

    void status(ReaderStatus next, String why) {
        if (next == status) {
            return;
        }
        status = next;
        LOG.info("Card reader {}: {} ({})", reader, next, why);
        for (Consumer<ReaderStatus> listener : statusListeners) {
            try {
                listener.accept(next);
            } catch (RuntimeException e) {
                LOG.warn("A reader status listener failed", e);
            }
        }
    }

    void card(String passNumber) {
        for (Consumer<String> listener : cardListeners) {
            try {
                listener.accept(passNumber);
            } catch (RuntimeException e) {
                LOG.warn("A card listener failed", e);
            }
        }
    }
}
