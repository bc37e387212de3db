package nl.opvang.hardware.pi4j;

import com.pi4j.plugin.gpiod.provider.gpio.digital.GpioDDigitalInputProvider;
import com.pi4j.plugin.gpiod.provider.gpio.digital.GpioDDigitalOutputProvider;
import com.pi4j.plugin.linuxfs.provider.gpio.digital.LinuxFsDigitalInputProvider;
import com.pi4j.plugin.linuxfs.provider.gpio.digital.LinuxFsDigitalOutputProvider;
import com.pi4j.plugin.linuxfs.provider.i2c.LinuxFsI2CProvider;
import java.util.Objects;
import nl.opvang.hardware.HardwareConfig.GpioDriver;

/**
 * The Pi4J provider ids every part is created with. Naming them stops Pi4J from picking a default provider by
 * priority, so the same code runs on the Pi's providers and on the mock plugin's.
 */
public record Pi4jProviders(String digitalInput, String digitalOutput, String i2c) {

    public Pi4jProviders {
        Objects.requireNonNull(digitalInput, "digitalInput");
        Objects.requireNonNull(digitalOutput, "digitalOutput");
        Objects.requireNonNull(i2c, "i2c");
    }

    /** gpiod or linuxfs for GPIO; linuxfs (/dev/i2c-*) for I²C in both cases. */
    public static Pi4jProviders on(GpioDriver driver) {
        if (driver == GpioDriver.GPIOD) {
            return new Pi4jProviders(GpioDDigitalInputProvider.ID, GpioDDigitalOutputProvider.ID, LinuxFsI2CProvider.ID);
        }
        return new Pi4jProviders(LinuxFsDigitalInputProvider.ID, LinuxFsDigitalOutputProvider.ID, LinuxFsI2CProvider.ID);
    }
}
