package nl.opvang.device;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import nl.opvang.device.config.ConfigProblem;
import nl.opvang.device.config.NodeConfig;
import nl.opvang.device.config.NodeConfigLoader;
import nl.opvang.device.node.Node;
import nl.opvang.device.node.NodeStoreException;
import nl.opvang.device.sim.Simulation;
import nl.opvang.protocol.Kind;

/**
 * Starts a location node: {@code --config FILE} for a real node (headless for now; the kiosk page comes later), or
 * {@code --simulate N --broker URL [--data DIR] [--interval-ms MS]} for N simulated nodes (load, demo).
 *
 * <p>Exit codes: 2 only for wrong command-line usage. A bad config or an unusable data folder prints one line and
 * keeps the process alive without a node, so that systemd does not crash-loop it and the kiosk (later) can show the
 * problem in Dutch; fix the file and restart the service.
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
        try {
            NodeConfig config = new NodeConfigLoader().load(arguments.config());
            Node node = Node.start(config, Clock.systemUTC());
            out.println("opvang-device ready site=" + config.site() + " node=" + config.node());
            return node;
        } catch (ConfigProblem | NodeStoreException e) {
            err.println("opvang-device: " + e.getMessage() + " (fix it and restart; waiting without a node)");
            return () -> { };
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
