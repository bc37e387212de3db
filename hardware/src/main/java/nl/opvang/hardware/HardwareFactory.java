package nl.opvang.hardware;

import nl.opvang.hardware.pi4j.Pi4jHardware;
import nl.opvang.hardware.sim.SimulatedHardware;

/**
 * Builds a node's parts from its config: simulated or through Pi4J, as {@link HardwareConfig#mode()} says. Pi4J
 * classes are only loaded in {@link HardwareConfig.Mode#PI4J}, so simulated nodes run without Pi4J on the class path.
 */
public final class HardwareFactory {

    private HardwareFactory() {
    }

    /** The fitted parts; close the result to release them. Throws {@link HardwareException} naming a part that fails. */
    public static Hardware build(HardwareConfig config) {
        switch (config.mode()) {
            case SIMULATED:
                return SimulatedHardware.build(config);
            case PI4J:
                return Pi4jHardware.start(config);
            default:
                throw new IllegalArgumentException("unknown mode " + config.mode());
        }
    }
}
