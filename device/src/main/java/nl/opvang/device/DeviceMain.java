package nl.opvang.device;

import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.function.Supplier;
import nl.opvang.device.config.ConfigProblem;
import nl.opvang.device.config.NodeConfig;
import nl.opvang.device.config.NodeConfigLoader;
import nl.opvang.device.kiosk.KioskServer;
import nl.opvang.device.node.Node;
import nl.opvang.device.node.NodeStoreException;
import nl.opvang.device.panel.Panel;
import nl.opvang.device.sim.Simulation;
import nl.opvang.hardware.CardReader;
import nl.opvang.hardware.Hardware;
import nl.opvang.hardware.HardwareConfig;
import nl.opvang.hardware.HardwareFactory;
import nl.opvang.hardware.reader.CardReaders;
import nl.opvang.protocol.Kind;

/**
 * Starts a location node: {@code --config FILE} for a real node with its kiosk page on 127.0.0.1, or
 * {@code --simulate N --broker URL [--data DIR] [--interval-ms MS]} for N simulated nodes (load, demo).
 *
 * <p>Exit codes: 2 only for wrong command-line usage. A bad config or an unusable data folder prints one line and
 * keeps the process alive without a node, with the kiosk showing the problem in Dutch (on the configured port when
 * that much of the file can be read, else 8090), so that systemd does not crash-loop it; fix the file and restart.
 */
public final class DeviceMain {
    static final int USAGE_ERROR = 2;
    private static final String USAGE = "usage: opvang-device --config FILE"
            + " | --simulate N --broker URL [--data DIR] [--interval-ms MS]";

    private final PrintStream out;
    private final PrintStream err;

    DeviceMain(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    public static void main(String[] args) throws InterruptedException {
        DeviceMain main = new DeviceMain(System.out, System.err);
        AutoCloseable running = main.run(args);
        if (running == null) {
            System.exit(USAGE_ERROR);
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> closeQuietly(running), "opvang-device-shutdown"));
        new CountDownLatch(1).await();
    }

    /** Starts what the arguments ask for; null means wrong usage (already explained on stderr). */
    AutoCloseable run(String[] args) {
        Arguments arguments;
        try {
            arguments = Arguments.parse(args);
        } catch (IllegalArgumentException e) {
            err.println("opvang-device: " + e.getMessage());
            err.println(USAGE);
            return null;
        }
        if (arguments.simulate() > 0) {
            List<NodeConfig> configs = simulatedConfigs(arguments.simulate(), arguments.broker(), arguments.data());
            Simulation simulation = Simulation.start(configs, arguments.interval(), System.nanoTime());
            out.println("opvang-device simulating " + configs.size() + " nodes on " + arguments.broker());
            return simulation;
        }
        return startNode(arguments.config());
    }

    /** The node and its kiosk; when the node cannot start, the kiosk alone, saying why. */
    private Running startNode(Path file) {
        NodeConfigLoader loader = new NodeConfigLoader();
        NodeConfig config;
        try {
            config = loader.load(file);
        } catch (ConfigProblem e) {
            err.println("opvang-device: " + e.getMessage() + " (fix it and restart; waiting without a node)");
            return new Running(null, null, kiosk(() -> KioskServer.showing(loader.kioskPortOrDefault(file), e)));
        }
        Node node;
        try {
            node = Node.start(config, Clock.systemUTC());
        } catch (NodeStoreException e) {
            err.println("opvang-device: " + e.getMessage() + " (fix it and restart; waiting without a node)");
            return new Running(null, null, kiosk(() -> KioskServer.showingStorageProblem(config.kiosk().port())));
        }
        if (config.profile() == NodeConfig.Profile.PANEL) {
            Running panel = startPanel(config, node);
            if (panel != null) {
                return panel;
            }
        }
        Hardware hardware = reader(config);
        CardReader reader = hardware.cardReader().orElse(null);
        KioskServer kiosk = kiosk(() -> KioskServer.start(node, config.kiosk(), reader, Clock.systemUTC()));
        out.println("opvang-device ready site=" + config.site() + " node=" + config.node()
                + (kiosk == null ? " kiosk=none" : " kiosk=" + kiosk.uri()));
        return new Running(node, hardware, kiosk);
    }

    /** The pass reader only: it needs no Pi4J, and a missing device is a status the kiosk shows, not an error. */
    /**
     * The button panel for the node's count-only places (e.g. noodbedden). Real parts through Pi4J unless the
     * environment says {@code OPVANG_HARDWARE=simulated} (or {@code -Dopvang.hardware=simulated}) (development without a Pi). Returns null when the panel cannot
     * run, after saying why; the kiosk then comes up instead.
     */
    private Running startPanel(NodeConfig config, Node node) {
        if (config.counts().isEmpty()) {
            err.println("opvang-device: the panel profile needs a count-only kind in 'counts'; starting the kiosk instead");
            return null;
        }
        String hardwareSetting = System.getProperty("opvang.hardware", System.getenv("OPVANG_HARDWARE"));
        HardwareConfig.Mode mode = "simulated".equalsIgnoreCase(hardwareSetting)
                ? HardwareConfig.Mode.SIMULATED : HardwareConfig.Mode.PI4J;
        try {
            Hardware hardware = HardwareFactory.build(HardwareConfig.panel(mode));
            Panel panel = Panel.start(node, hardware, config.counts().get(0).kind());
            out.println("opvang-device ready site=" + config.site() + " node=" + config.node() + " panel=" + mode);
            return new Running(node, hardware, null, panel);
        } catch (RuntimeException e) {
            err.println("opvang-device: the button panel could not start (" + e.getMessage() + "); starting the kiosk instead");
            return null;
        }
    }

    private Hardware reader(NodeConfig config) {
        Hardware.Builder parts = Hardware.builder();
        HardwareConfig.ReaderSpec spec = config.kiosk().reader();
        if (spec != null) {
            try {
                CardReaders.fit(spec, parts);
            } catch (RuntimeException e) {
                err.println("opvang-device: pass reader not started (" + e.getMessage() + "); staff type pass numbers");
            }
        }
        return parts.build();
    }

    /** Starts a kiosk; a port already in use is printed and the node runs on without it, rather than crash-looping. */
    private KioskServer kiosk(Supplier<KioskServer> start) {
        try {
            return start.get();
        } catch (UncheckedIOException e) {
            err.println("opvang-device: " + e.getMessage() + " (" + e.getCause().getMessage() + "); running without a kiosk");
            return null;
        }
    }

    /** What {@code --config} started; each part may be absent. Closes the kiosk first, the node last. */
    static final class Running implements AutoCloseable {
        private final Node node;
        private final Hardware hardware;
        private final KioskServer kiosk;
        private final Panel panel;

        Running(Node node, Hardware hardware, KioskServer kiosk) {
            this(node, hardware, kiosk, null);
        }

        Running(Node node, Hardware hardware, KioskServer kiosk, Panel panel) {
            this.node = node;
            this.hardware = hardware;
            this.kiosk = kiosk;
            this.panel = panel;
        }

        Optional<Node> node() {
            return Optional.ofNullable(node);
        }

        Optional<KioskServer> kiosk() {
            return Optional.ofNullable(kiosk);
        }

        @Override
        public void close() {
            if (panel != null) {
                panel.close();
            }
            if (kiosk != null) {
                kiosk.close();
            }
            if (hardware != null) {
                hardware.close();
            }
            if (node != null) {
                node.close();
            }
        }
    }

    static List<NodeConfig> simulatedConfigs(int count, String broker, Path data) {
        List<NodeConfig> configs = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            List<NodeConfig.BedConfig> beds = new ArrayList<>();
            for (int bed = 1; bed <= 10; bed++) {
                beds.add(new NodeConfig.BedConfig("B" + bed, Kind.REGULAR));
            }
            beds.add(new NodeConfig.BedConfig("C1", Kind.CRISIS));
            configs.add(NodeConfig.simulated("sim" + i, "sim" + i + "-1", broker, data.resolve("sim" + i), beds,
                    List.of(new NodeConfig.CountConfig(Kind.NOOD, 4, false))));
        }
        return configs;
    }

    private static void closeQuietly(AutoCloseable running) {
        try {
            running.close();
        } catch (Exception ignored) {
            // Shutting down anyway.
        }
    }

    /** The parsed command line. */
    record Arguments(Path config, int simulate, String broker, Path data, Duration interval) {
        static Arguments parse(String[] args) {
            Path config = null;
            int simulate = 0;
            String broker = null;
            Path data = null;
            Duration interval = Duration.ofSeconds(15);
            for (int i = 0; i < args.length; i++) {
                String flag = args[i];
                if (i + 1 >= args.length) {
                    throw new IllegalArgumentException(flag + " needs a value");
                }
                String value = args[++i];
                switch (flag) {
                    case "--config" -> config = Path.of(value);
                    case "--simulate" -> simulate = positive(flag, value);
                    case "--broker" -> broker = value;
                    case "--data" -> data = Path.of(value);
                    case "--interval-ms" -> interval = Duration.ofMillis(positive(flag, value));
                    default -> throw new IllegalArgumentException("unknown option " + flag);
                }
            }
            if ((config == null) == (simulate == 0)) {
                throw new IllegalArgumentException("give either --config or --simulate");
            }
            if (simulate > 0 && broker == null) {
                throw new IllegalArgumentException("--simulate needs --broker");
            }
            if (simulate > 0 && data == null) {
                data = tempData();
            }
            return new Arguments(config, simulate, broker, data, interval);
        }

        private static Path tempData() {
            try {
                return Files.createTempDirectory("opvang-sim");
            } catch (java.io.IOException e) {
                throw new IllegalArgumentException("no --data given and no temporary folder available");
            }
        }

        private static int positive(String flag, String value) {
            try {
                int number = Integer.parseInt(value);
                if (number > 0) {
                    return number;
                }
            } catch (NumberFormatException e) {
                // Falls through to the message below.
            }
            throw new IllegalArgumentException(flag + " needs a positive whole number, not " + value);
        }
    }
}
