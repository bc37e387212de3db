package nl.opvang.hardware.sim;

import nl.opvang.hardware.Hardware;
import nl.opvang.hardware.HardwareConfig;

/**
 * Builds simulated parts for what a config says is fitted. Reach the simulated types by casting, e.g.
 * {@code hardware.plusButton().map(SimulatedButton.class::cast)}.
 */
public final class SimulatedHardware {

    private SimulatedHardware() {
    }

    /** Simulated parts for every part {@code config} fits; the reader type does not matter in simulation. */
    public static Hardware build(HardwareConfig config) {
        Hardware.Builder parts = Hardware.builder();
        config.buttons().ifPresent(pins -> parts.buttons(new SimulatedButton(), new SimulatedButton()));
        config.light().ifPresent(pins -> parts.statusLight(new SimulatedStatusLight()));
        config.display().ifPresent(spec -> parts.display(new SimulatedDisplay(spec.size())));
        config.reader().ifPresent(spec -> parts.cardReader(new SimulatedCardReader()));
        config.bedSensors().keySet().forEach(bed -> parts.bedSensor(bed, new SimulatedBedSensor()));
        return parts.build();
    }
}
