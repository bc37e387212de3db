package nl.opvang.hardware.sim;

import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import nl.opvang.hardware.CardReader;
import nl.opvang.hardware.ReaderStatus;

/** A pass reader driven from code. It starts {@link ReaderStatus#READY}; {@link #status(ReaderStatus)} simulates unplugging. */
public final class SimulatedCardReader implements CardReader {

    private final List<Consumer<String>> cardListeners = new CopyOnWriteArrayList<>();
    private final List<Consumer<ReaderStatus>> statusListeners = new CopyOnWriteArrayList<>();
    private volatile ReaderStatus status = ReaderStatus.READY;

    @Override
    public void onCard(Consumer<String> listener) {
        cardListeners.add(listener);
    }

    @Override
    public void onStatus(Consumer<ReaderStatus> listener) {
        statusListeners.add(listener);
    }

    @Override
    public ReaderStatus status() {
        return status;
    }

    /**
     * Holds a pass to the reader. Like a real reader that is not {@link ReaderStatus#READY}, it reads nothing then.
     *
     * @return whether the pass was read
     */
    public boolean present(String passNumber) {
        if (passNumber == null || passNumber.isBlank()) {
            throw new IllegalArgumentException("passNumber must not be blank");
        }
        if (status != ReaderStatus.READY) {
            return false;
        }
        cardListeners.forEach(listener -> listener.accept(passNumber));
        return true;
    }

    /** Changes the status, telling the listeners if it differs. */
    public void status(ReaderStatus next) {
        Objects.requireNonNull(next, "status");
        if (next != status) {
            status = next;
            statusListeners.forEach(listener -> listener.accept(next));
        }
    }
}
