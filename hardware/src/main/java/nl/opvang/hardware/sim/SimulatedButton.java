package nl.opvang.hardware.sim;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import nl.opvang.hardware.Button;

/** A button pressed from code (the simulator, the kiosk in development). Each {@link #press()} is one clean press. */
public final class SimulatedButton implements Button {

    private final List<Runnable> listeners = new CopyOnWriteArrayList<>();

    @Override
    public void onPress(Runnable listener) {
        listeners.add(listener);
    }

    /** Presses the button once, calling the listeners on the caller's thread. */
    public void press() {
        listeners.forEach(Runnable::run);
    }
}
