package nl.opvang.hardware.pi4j;

import com.pi4j.Pi4J;
import com.pi4j.context.Context;
import com.pi4j.context.ContextBuilder;
import com.pi4j.plugin.gpiod.provider.gpio.digital.GpioDDigitalInputProvider;
import com.pi4j.plugin.gpiod.provider.gpio.digital.GpioDDigitalOutputProvider;
import com.pi4j.plugin.linuxfs.provider.gpio.digital.LinuxFsDigitalInputProvider;
import com.pi4j.plugin.linuxfs.provider.gpio.digital.LinuxFsDigitalOutputProvider;
import com.pi4j.plugin.linuxfs.provider.i2c.LinuxFsI2CProvider;
import com.pi4j.plugin.raspberrypi.platform.RaspberryPiPlatform;
import nl.opvang.hardware.HardwareConfig.GpioDriver;
import nl.opvang.hardware.HardwareException;

/**
 * Builds the Pi4J context for a Raspberry Pi explicitly: the platform and exactly the providers we use, no
 * auto-detection (docs/DESIGN.md §1). gpiod needs read/write on /dev/gpiochip* (group {@code gpio}), linuxfs I²C on
 * /dev/i2c-* (group {@code i2c}).
 */
public final class Pi4jContexts {

    private Pi4jContexts() {
    }

    /** A context for a Pi; a {@link HardwareException} when the providers cannot start (e.g. not on a Pi). */
    public static Context forPi(GpioDriver driver) {
        try {
            ContextBuilder builder = Pi4J.newContextBuilder().noAutoDetect().add(new RaspberryPiPlatform());
            if (driver == GpioDriver.GPIOD) {
                builder.add(GpioDDigitalInputProvider.newInstance(), GpioDDigitalOutputProvider.newInstance());
            } else {
                builder.add(LinuxFsDigitalInputProvider.newInstance(), LinuxFsDigitalOutputProvider.newInstance());
            }
            return builder.add(LinuxFsI2CProvider.newInstance()).build();
        } catch (RuntimeException | LinkageError e) {
            throw new HardwareException("Pi4J could not start its " + driver + " providers (is this a Raspberry Pi with "
                    + "Raspberry Pi OS Bookworm? See hardware/README.md): " + e, e);
        }
    }
}
