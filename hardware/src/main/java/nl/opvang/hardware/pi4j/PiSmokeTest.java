package nl.opvang.hardware.pi4j;

import com.pi4j.context.Context;
import com.pi4j.io.gpio.digital.DigitalInput;
import com.pi4j.io.gpio.digital.DigitalOutput;
import com.pi4j.io.gpio.digital.DigitalState;
import com.pi4j.io.gpio.digital.PullResistance;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import nl.opvang.hardware.CardReader;
import nl.opvang.hardware.Debouncer;
import nl.opvang.hardware.HardwareConfig;
import nl.opvang.hardware.HardwareConfig.DisplaySize;
import nl.opvang.hardware.HardwareConfig.DisplaySpec;
import nl.opvang.hardware.HardwareConfig.GpioDriver;
import nl.opvang.hardware.HardwareConfig.Mode;
import nl.opvang.hardware.LightState;
import nl.opvang.hardware.Ticker;
import nl.opvang.hardware.reader.KeyboardWedgeReader;
import nl.opvang.hardware.reader.PcscCardReader;

/**
 * A check of the real parts on a Raspberry Pi, wired as in hardware/README.md plus a loopback wire from BCM 20
 * (pin 38) through 1 kΩ to BCM 21 (pin 40). Not a unit test: run it on the Pi, watch, press, hold a pass.
 * Prints PASS or FAIL per part and exits 0 only when nothing failed.
 *
 * <p>Arguments ({@code key=value}, all optional): {@code driver=gpiod|linuxfs}, {@code display=20x4|16x2|none},
 * {@code address=0x27}, {@code reader=evdev|evdev:/dev/input/…|pcsc|stdin|none}, {@code wait=15} (seconds per step).
 */
public final class PiSmokeTest {

    private static final int LOOP_OUT = 20;
    private static final int LOOP_IN = 21;

    private final Map<String, String> results = new LinkedHashMap<>();
    private final Map<String, String> args;
    private final Duration wait;

    private PiSmokeTest(Map<String, String> args) {
        this.args = args;
        this.wait = Duration.ofSeconds(Long.parseLong(args.getOrDefault("wait", "15")));
    }

    public static void main(String[] argv) {
        Map<String, String> args = new LinkedHashMap<>();
        for (String arg : argv) {
            String[] pair = arg.split("=", 2);
            args.put(pair[0], pair.length > 1 ? pair[1] : "");
        }
        System.exit(new PiSmokeTest(args).run() ? 0 : 1);
    }

    private boolean run() {
        GpioDriver driver = GpioDriver.valueOf(args.getOrDefault("driver", "gpiod").toUpperCase());
        HardwareConfig panel = HardwareConfig.panel(Mode.PI4J);
        Context context = null;
        try {
            context = Pi4jContexts.forPi(driver);
            Pi4jHardware parts = new Pi4jHardware(panel, context, Pi4jProviders.on(driver));
            check("gpio loopback BCM20->BCM21", () -> loopback(parts));
            check("status light (check by eye)", () -> light(parts, panel));
            check("display", () -> display(parts));
            check("button + (BCM17)", () -> press(parts, "button-plus", panel.buttons().orElseThrow().plus()));
            check("button - (BCM27)", () -> press(parts, "button-minus", panel.buttons().orElseThrow().minus()));
        } catch (RuntimeException e) {
            results.put("pi4j context", "FAIL " + e.getMessage());
        } finally {
            if (context != null) {
                context.shutdown();
            }
        }
        check("card reader", this::card);
        results.forEach((part, result) -> {
            String[] verdict = result.split(" ", 2);
            System.out.printf("%-4s  %-30s %s%n", verdict[0], part, verdict.length > 1 ? verdict[1] : "");
        });
        return results.values().stream().noneMatch(result -> result.startsWith("FAIL"));
    }

    private void check(String part, Step step) {
        System.out.println("... " + part);
        try {
            results.put(part, step.run());
        } catch (Exception e) {
            results.put(part, "FAIL " + e.getMessage());
        }
    }

    private String loopback(Pi4jHardware parts) throws InterruptedException {
        DigitalOutput out = parts.output("loop-out", LOOP_OUT);
        DigitalInput in = parts.context().create(DigitalInput.newConfigBuilder(parts.context()).id("loop-in").address(LOOP_IN)
                .pull(PullResistance.PULL_DOWN).provider(parts.providers().digitalInput()).build());
        for (DigitalState level : new DigitalState[] {DigitalState.HIGH, DigitalState.LOW, DigitalState.HIGH, DigitalState.LOW}) {
            out.state(level);
            TimeUnit.MILLISECONDS.sleep(20);
            if (in.state() != level) {
                return "FAIL wrote " + level + " on BCM " + LOOP_OUT + ", read " + in.state() + " on BCM " + LOOP_IN;
            }
        }
        return "PASS";
    }

    private String light(Pi4jHardware parts, HardwareConfig panel) throws InterruptedException {
        Pi4jStatusLight light = parts.light(panel.light().orElseThrow());
        for (LightState state : LightState.values()) {
            System.out.println("    showing " + state);
            light.show(state);
            TimeUnit.SECONDS.sleep(1);
        }
        return "PASS (no GPIO errors; did green, red, amber light in turn?)";
    }

    private String display(Pi4jHardware parts) {
        String size = args.getOrDefault("display", "20x4");
        if (size.equals("none")) {
            return "SKIP";
        }
        int address = Integer.decode(args.getOrDefault("address", "0x27"));
        DisplaySpec spec = new DisplaySpec(size.equals("16x2") ? DisplaySize.LCD_16X2 : DisplaySize.LCD_20X4, 1, address);
        Pcf8574Lcd.start(parts.i2c(spec), spec.size(), Pause.real()).show("opvang OK", "Cafe é ĳ €");
        return "PASS (the backpack answered; does it read 'opvang OK' / 'Cafe e ij EUR'?)";
    }

    private String press(Pi4jHardware parts, String id, int bcm) throws InterruptedException {
        CountDownLatch pressed = new CountDownLatch(1);
        new Pi4jButton(parts.input(id, bcm), new Debouncer(Ticker.system(), Duration.ofMillis(50))).onPress(pressed::countDown);
        System.out.println("    press " + id + " within " + wait.toSeconds() + " s");
        return pressed.await(wait.toSeconds(), TimeUnit.SECONDS) ? "PASS" : "FAIL no press seen on BCM " + bcm;
    }

    private String card() throws InterruptedException, IOException {
        String reader = args.getOrDefault("reader", "evdev");
        if (reader.equals("none")) {
            return "SKIP";
        }
        AtomicReference<String> card = new AtomicReference<>();
        CountDownLatch read = new CountDownLatch(1);
        AutoCloseable closer;
        CardReader cards;
        if (reader.equals("pcsc")) {
            PcscCardReader pcsc = new PcscCardReader(Duration.ofSeconds(1)).start();
            cards = pcsc;
            closer = pcsc;
        } else if (reader.equals("stdin")) {
            KeyboardWedgeReader text = KeyboardWedgeReader.standardInput().start();
            cards = text;
            closer = text;
        } else {
            Optional<Path> device = reader.startsWith("evdev:") ? Optional.of(Path.of(reader.substring(6))) : firstKeyboard();
            if (device.isEmpty()) {
                return "FAIL no /dev/input/by-id/*-event-kbd: is the reader plugged in?";
            }
            KeyboardWedgeReader evdev = KeyboardWedgeReader.evdev(device.get()).start();
            cards = evdev;
            closer = evdev;
        }
        cards.onCard(number -> {
            card.set(number);
            read.countDown();
        });
        System.out.println("    hold a pass to the reader within " + 2 * wait.toSeconds() + " s");
        boolean seen = read.await(2 * wait.toSeconds(), TimeUnit.SECONDS);
        try {
            closer.close();
        } catch (Exception ignored) {
            // The reader's thread is a daemon; the JVM ends either way.
        }
        if (!seen) {
            return "FAIL no pass read; reader status: " + cards.status() + " (" + cards.status().dutch() + ")";
        }
        String number = card.get();
        return "PASS read " + number.length() + " characters ending in " + number.substring(number.length() - 2);
    }

    private static Optional<Path> firstKeyboard() throws IOException {
        Path byId = Path.of("/dev/input/by-id");
        if (!Files.isDirectory(byId)) {
            return Optional.empty();
        }
        try (Stream<Path> devices = Files.list(byId)) {
            return devices.filter(path -> path.getFileName().toString().endsWith("-event-kbd")).sorted().findFirst();
        }
    }

    @FunctionalInterface
    private interface Step {
        String run() throws Exception;
    }
}
