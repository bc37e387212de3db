package nl.opvang.hardware.pi4j;

import com.pi4j.context.Context;
import com.pi4j.io.gpio.digital.DigitalInput;
import com.pi4j.io.gpio.digital.DigitalOutput;
import com.pi4j.io.gpio.digital.DigitalState;
import com.pi4j.io.gpio.digital.PullResistance;
import com.pi4j.io.i2c.I2C;
import java.util.Map;
import java.util.Optional;
import nl.opvang.hardware.Debouncer;
import nl.opvang.hardware.Hardware;
import nl.opvang.hardware.HardwareConfig;
import nl.opvang.hardware.HardwareConfig.DisplaySpec;
import nl.opvang.hardware.HardwareConfig.LightPins;
import nl.opvang.hardware.HardwareException;
import nl.opvang.hardware.Ticker;
import nl.opvang.hardware.reader.CardReaders;

/** Builds the fitted parts on a Pi4J context. The returned {@link Hardware} shuts the context down when closed. */
public final class Pi4jHardware {

    private static final String GPIO_HINT = " (a Raspberry Pi? user in group gpio? see hardware/README.md): ";

    private final HardwareConfig config;
    private final Context context;
    private final Pi4jProviders providers;

    Pi4jHardware(HardwareConfig config, Context context, Pi4jProviders providers) {
        this.config = config;
        this.context = context;
        this.providers = providers;
    }

    /** The parts on a real Pi: the context from {@link Pi4jContexts#forPi}, the system clock, real pauses. */
    public static Hardware start(HardwareConfig config) {
        return build(config, Pi4jContexts.forPi(config.gpioDriver()), Pi4jProviders.on(config.gpioDriver()),
                Ticker.system(), Pause.real());
    }

    /**
     * The parts on {@code context} (a Pi's, or the mock plugin's in tests). If a part fails, the context is shut down
     * and a {@link HardwareException} names the part.
     */
    public static Hardware build(HardwareConfig config, Context context, Pi4jProviders providers, Ticker ticker, Pause pause) {
        Pi4jHardware factory = new Pi4jHardware(config, context, providers);
        Hardware.Builder parts = Hardware.builder().closeWith(context::shutdown);
        try {
            config.buttons().ifPresent(pins -> parts.buttons(
                    new Pi4jButton(factory.input("button-plus", pins.plus()), new Debouncer(ticker, config.debounce())),
                    new Pi4jButton(factory.input("button-minus", pins.minus()), new Debouncer(ticker, config.debounce()))));
            config.light().ifPresent(pins -> parts.statusLight(factory.light(pins)));
            config.display().ifPresent(spec -> parts.display(Pcf8574Lcd.start(factory.i2c(spec), spec.size(), pause)));
            for (Map.Entry<String, Integer> bed : config.bedSensors().entrySet()) {
                parts.bedSensor(bed.getKey(), new Pi4jBedSensor(factory.input("bed-" + bed.getKey(), bed.getValue())));
            }
            config.reader().ifPresent(spec -> CardReaders.fit(spec, parts));
            return parts.build();
        } catch (RuntimeException e) {
            parts.build().close();
            if (e instanceof HardwareException) {
                throw e;
            }
            throw new HardwareException("Setting up the hardware failed: " + e.getMessage(), e);
        }
    }

    Context context() {
        return context;
    }

    Pi4jProviders providers() {
        return providers;
    }

    /** A pulled-up input, for a contact to ground. */
    DigitalInput input(String id, int bcm) {
        try {
            return context.create(DigitalInput.newConfigBuilder(context).id(id).name(id).address(bcm)
                    .pull(PullResistance.PULL_UP).provider(providers.digitalInput()).build());
        } catch (RuntimeException e) {
            throw new HardwareException(id + " on BCM " + bcm + " could not be opened" + GPIO_HINT + e.getMessage(), e);
        }
    }

    /** An output that starts LOW and goes LOW again when the context shuts down, so LEDs never stay lit. */
    DigitalOutput output(String id, int bcm) {
        try {
            return context.create(DigitalOutput.newConfigBuilder(context).id(id).name(id).address(bcm)
                    .initial(DigitalState.LOW).shutdown(DigitalState.LOW).provider(providers.digitalOutput()).build());
        } catch (RuntimeException e) {
            throw new HardwareException(id + " on BCM " + bcm + " could not be opened" + GPIO_HINT + e.getMessage(), e);
        }
    }

    Pi4jStatusLight light(LightPins pins) {
        Optional<DigitalOutput> amber = pins.amber().isPresent()
                ? Optional.of(output("led-amber", pins.amber().getAsInt())) : Optional.empty();
        return new Pi4jStatusLight(output("led-red", pins.red()), output("led-green", pins.green()), amber);
    }

    I2cBus i2c(DisplaySpec spec) {
        try {
            I2C device = context.create(I2C.newConfigBuilder(context).id("display").name("display").bus(spec.bus())
                    .device(spec.address()).provider(providers.i2c()).build());
            return new Pi4jI2cBus(device);
        } catch (RuntimeException e) {
            throw new HardwareException("Display on I2C bus " + spec.bus() + " address 0x" + Integer.toHexString(spec.address())
                    + " could not be opened (I2C enabled in raspi-config? user in group i2c?): " + e.getMessage(), e);
        }
    }
}
