package nl.opvang.hardware.pi4j;

import com.pi4j.io.i2c.I2C;
import nl.opvang.hardware.HardwareException;

/** {@link I2cBus} on a Pi4J {@link I2C} device; a device that does not answer becomes a {@link HardwareException}. */
public final class Pi4jI2cBus implements I2cBus {

    private final I2C device;

    public Pi4jI2cBus(I2C device) {
        this.device = device;
    }

    @Override
    public void write(int value) {
        try {
            device.write((byte) value);
        } catch (RuntimeException e) {
            throw new HardwareException("No answer from I2C bus " + device.bus() + " address 0x"
                    + Integer.toHexString(device.device()) + ": " + e.getMessage(), e);
        }
    }
}
