package nl.opvang.hardware.pi4j;

import com.pi4j.io.gpio.digital.DigitalInput;
import com.pi4j.io.gpio.digital.DigitalState;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import nl.opvang.hardware.Button;
import nl.opvang.hardware.Debouncer;

/**
 * A push button between a GPIO pin and ground, pulled up: pressed reads LOW. Debounced in software with
 * {@link Debouncer}, because what Pi4J's providers do with their own debounce setting differs per provider.
 */
public final class Pi4jButton implements Button {

    private final Debouncer debouncer;
    private final List<Runnable> listeners = new CopyOnWriteArrayList<>();

    public Pi4jButton(DigitalInput input, Debouncer debouncer) {
        this.debouncer = debouncer;
        input.addListener(event -> edge(event.state()));
    }

    @Override
    public void onPress(Runnable listener) {
        listeners.add(listener);
    }

    private void edge(DigitalState state) {
        if (debouncer.isPress(state == DigitalState.LOW)) {
            listeners.forEach(Runnable::run);
        }
    }
}
