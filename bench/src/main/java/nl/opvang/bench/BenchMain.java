package nl.opvang.bench;

import ch.qos.logback.classic.Level;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import nl.opvang.harness.MosquittoBroker;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code java -jar bench/target/opvang-bench.jar [--quick | --long] [--out FILE] [--device-jar FILE] [--work DIR]
 * [--only SECTION,...] [--peer | --no-peer] [--monitoring | --ledger-cost]} starts one Mosquitto, measures the floors (raw MQTT, raw SQLite) and
 * then the system against them (and, in the full plans, the Node-RED peer), prints the table and writes it as JSON. Exit code 0 when everything could be measured (missed targets are in the table, not in the
 * exit code), 1 when a part of the bench crashed, 2 for wrong usage. {@code --monitoring} measures only the monitoring
 * answers ({@link MonitoringBench}), without a broker; {@code --ledger-cost} only the monitoring ledger's CPU per
 * ingested event ({@link LedgerCost}).
 */
public final class BenchMain {
    private static final String USAGE = "usage: java -jar opvang-bench.jar [--quick | --long] [--out FILE] "
            + "[--device-jar FILE] [--work DIR] [--only SECTION,...] [--peer | --no-peer] [--monitoring | --ledger-cost]";

    private BenchMain() {
    }

    public static void main(String[] args) throws Exception {
        Plan plan = Plan.full();
        Path out = Path.of("bench/target/bench.json");
        Path deviceJar = Path.of("device/target/opvang-device.jar");
        Path work = null;
        boolean ownWork = false;
        String[] brokerConfig = {};
        Set<String> only = Set.of();
        Boolean peer = null;
        boolean monitoring = false;
        boolean ledgerCost = false;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--quick" -> plan = Plan.quick();
                case "--long" -> plan = Plan.longRun();
                case "--out" -> out = Path.of(value(args, ++i));
                case "--device-jar" -> deviceJar = Path.of(value(args, ++i));
                case "--work" -> work = Path.of(value(args, ++i));
                case "--only" -> only = Set.of(value(args, ++i).split(","));
                case "--no-peer" -> peer = false;
                case "--peer" -> peer = true;
                case "--monitoring" -> monitoring = true;
                case "--ledger-cost" -> ledgerCost = true;
                default -> usage("unknown option " + args[i]);
            }
        }
        ((ch.qos.logback.classic.Logger) LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME)).setLevel(Level.WARN);
        if (work == null) {
            work = Files.createTempDirectory(Path.of(System.getProperty("user.dir")).resolve("bench").toFile().isDirectory()
                    ? Path.of("bench", "target") : Path.of(System.getProperty("java.io.tmpdir")), "bench-run");
            ownWork = true;
        }
        int exit = monitoring ? monitoring(plan, out, work)
                : ledgerCost ? ledgerCost(plan, out, work)
                : run(plan, out, deviceJar, work, only, peer == null ? plan.peer() : peer, brokerConfig);
        if (ownWork && exit == 0) {
            deleteQuietly(work);
        }
        System.exit(exit);
    }

    static int run(Plan plan, Path out, Path deviceJar, Path work, Set<String> only, boolean peer, String... brokerConfig)
            throws Exception {
        long start = System.nanoTime();
        // The bench process's one JSON mapper: it reads SSE frames and Node-RED's package.json, and writes the report.
        ObjectMapper json = new ObjectMapper();
        Report report = new Report(json);
        report.context("plan", plan.name());
        report.context("brokerConfig", List.of(brokerConfig));
        report.context("startedAt", Instant.now().toString());
        report.context("machine", Machine.describe(work));
        List<String> errors = new ArrayList<>();
        System.out.println("bench: plan " + plan.name() + ", work folder " + work.toAbsolutePath());
        try (MosquittoBroker broker = MosquittoBroker.start(brokerConfig)) {
            System.out.println("bench: Mosquitto on " + broker.url());
            List<Figure> mqtt = new MqttFloor(broker.url()).measure(plan);
            List<Figure> sqlite = new SqliteFloor(work).measure(plan);
            report.addAll(mqtt);
            report.addAll(sqlite);
            SystemRun.Floors floors = new SystemRun.Floors(mqtt.get(0).value(), mqtt.get(1).value(), mqtt.get(2).value(),
                    sqlite.get(0).value());
            errors.addAll(new SystemRun(plan, broker, work, deviceJar, floors, report, only, peer, json).run());
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        report.context("seconds", seconds);
        report.context("errors", errors);
        System.out.println();
        report.print(System.out);
        report.write(out);
        System.out.printf("bench: %s run took %.0f s; %d figure(s) missed their target; %d error(s); JSON in %s%n",
                plan.name(), seconds, report.missed(), errors.size(), out.toAbsolutePath());
        errors.forEach(error -> System.out.println("bench: ERROR " + error));
        return errors.isEmpty() ? 0 : 1;
    }

    /** The monitoring answers alone (docs/PERFORMANCE.md "Monitoring"): no broker, no floors. */
    static int monitoring(Plan plan, Path out, Path work) throws Exception {
        return alone(plan, out, work, "monitoring", report -> new MonitoringBench(work, plan.runs() * 4).run(report));
    }

    /** The monitoring ledger's CPU per ingested event alone (docs/PERFORMANCE.md "CPU per event"). */
    static int ledgerCost(Plan plan, Path out, Path work) throws Exception {
        return alone(plan, out, work, "ledger cost", report -> new LedgerCost(work, plan.runs() * 100).measure());
    }

    /** One section that needs no broker, on its own; {@code what} names it in the report. */
    private static int alone(Plan plan, Path out, Path work, String what, Section section) throws Exception {
        long start = System.nanoTime();
        Report report = new Report(new ObjectMapper());
        report.context("plan", plan.name() + " (" + what + " only)");
        report.context("startedAt", Instant.now().toString());
        report.context("machine", Machine.describe(work));
        report.addAll(section.run(report));
        report.context("seconds", (System.nanoTime() - start) / 1e9);
        System.out.println();
        report.print(System.out);
        report.write(out);
        System.out.printf("bench: %s run took %.0f s; %d figure(s) missed their target; JSON in %s%n", what,
                (System.nanoTime() - start) / 1e9, report.missed(), out.toAbsolutePath());
        return 0;
    }

    /** A section measured on its own. */
    @FunctionalInterface
    private interface Section {
        List<Figure> run(Report report) throws Exception;
    }

    private static String value(String[] args, int i) {
        if (i >= args.length) {
            usage(args[i - 1] + " needs a value");
        }
        return args[i];
    }

    private static void usage(String problem) {
        System.err.println("opvang-bench: " + problem);
        System.err.println(USAGE);
        System.exit(2);
    }

    private static void deleteQuietly(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (var paths = Files.walk(dir)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
    }
}
