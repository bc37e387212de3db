package nl.opvang.hardware.pi4j;

import com.pi4j.io.gpio.digital.DigitalOutput;
import com.pi4j.io.gpio.digital.DigitalState;
import java.util.Objects;
import java.util.Optional;
import nl.opvang.hardware.LightState;
import nl.opvang.hardware.StatusLight;

/**
 * Two or three LEDs, each from a GPIO pin through a resistor to ground (HIGH is on). With three LEDs each state lights
 * one; with two (or one red/green bicolour LED), amber is red and green together.
 */
public final class Pi4jStatusLight implements StatusLight {

    private final DigitalOutput red;
    private final DigitalOutput green;
    private final Optional<DigitalOutput> amber;
    private LightState state = LightState.OFF;

    public Pi4jStatusLight(DigitalOutput red, DigitalOutput green, Optional<DigitalOutput> amber) {
        this.red = red;
        this.green = green;
        this.amber = amber;
        show(LightState.OFF);
    }

    @Override
    public synchronized void show(LightState next) {
        Objects.requireNonNull(next, "state");
        boolean mixAmber = next == LightState.AMBER && amber.isEmpty();
        red.state(DigitalState.getState(next == LightState.RED || mixAmber));
        green.state(DigitalState.getState(next == LightState.GREEN || mixAmber));
        amber.ifPresent(led -> led.state(DigitalState.getState(next == LightState.AMBER)));
        state = next;
    }

    @Override
    public synchronized LightState state() {
        return state;
    }
}
