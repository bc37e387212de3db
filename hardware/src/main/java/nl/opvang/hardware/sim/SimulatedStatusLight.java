package nl.opvang.hardware.sim;

import java.util.Objects;
import nl.opvang.hardware.LightState;
import nl.opvang.hardware.StatusLight;

/** A status light that remembers what it shows. */
public final class SimulatedStatusLight implements StatusLight {

    private volatile LightState state = LightState.OFF;

    @Override
    public void show(LightState next) {
        this.state = Objects.requireNonNull(next, "state");
    }

    @Override
    public LightState state() {
        return state;
    }
}
