package nl.opvang.hardware;

/** One status light built from two or three LEDs. */
public interface StatusLight {

    /** Lights the LEDs for {@code state}. */
    void show(LightState state);

    /** The state last shown; {@link LightState#OFF} before anything was shown. */
    LightState state();
}
