package nl.opvang.hardware.pi4j;

import com.pi4j.io.gpio.digital.DigitalInput;
import com.pi4j.io.gpio.digital.DigitalState;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import nl.opvang.hardware.BedSensor;

/**
 * A switch under a bed between a GPIO pin and ground, pulled up: closed (LOW) is occupied. Listeners hear changes
 * only; a bouncing contact can report a few quick changes, and the last one is always the true state.
 */
public final class Pi4jBedSensor implements BedSensor {

    private final DigitalInput input;
    private final List<Consumer<Boolean>> listeners = new CopyOnWriteArrayList<>();
    private boolean reported;

    public Pi4jBedSensor(DigitalInput input) {
        this.input = input;
        this.reported = occupied();
        input.addListener(event -> changed(event.state() == DigitalState.LOW));
    }

    @Override
    public boolean occupied() {
        return input.state() == DigitalState.LOW;
    }

    @Override
    public void onChange(Consumer<Boolean> listener) {
        listeners.add(listener);
    }

    private void changed(boolean occupied) {
        synchronized (this) {
            if (occupied == reported) {
                return;
            }
            reported = occupied;
        }
        listeners.forEach(listener -> listener.accept(occupied));
    }
}
