package nl.opvang.hardware.sim;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import nl.opvang.hardware.BedSensor;

/** A bed switch set from code. Like the real one, listeners hear changes only, not repeats of the same state. */
public final class SimulatedBedSensor implements BedSensor {

    private final List<Consumer<Boolean>> listeners = new CopyOnWriteArrayList<>();
    private boolean occupied;

    @Override
    public synchronized boolean occupied() {
        return occupied;
    }

    @Override
    public void onChange(Consumer<Boolean> listener) {
        listeners.add(listener);
    }

    /** Puts someone in the bed ({@code true}) or takes them out. */
    public void set(boolean next) {
        synchronized (this) {
            if (next == occupied) {
                return;
            }
            occupied = next;
        }
        listeners.forEach(listener -> listener.accept(next));
    }
}
