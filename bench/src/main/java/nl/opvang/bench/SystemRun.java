package nl.opvang.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import nl.opvang.hub.Hub;
import nl.opvang.hub.HubConfig;
import nl.opvang.testing.MosquittoBroker;

/**
 * The system figures of DESIGN §8, each against the floors measured earlier in the same run. One hub runs in this JVM
 * on the generated region (2,000 locations) against the run's one Mosquitto; the restart test runs after it closed,
 * because a second hub would take over its MQTT client id.
 */
final class SystemRun {
    private static final int SSE_LOCATION = 1990;
    /** At most this many warm-up changes per measured change before the SSE runs (they stop once the JIT settles). */
    private static final int SSE_WARM_UP_PER_MEASURED = 40;
    private static final int BACKLOG_LOCATION = 1991;
    private static final int DEVICE_LOCATION = 1992;
    private static final int SUSTAINED_FIRST = 101;
    private static final int QUEUED_FIRST = 201;
    private static final int SUSTAINED_NODES = 20;
    private static final int SUSTAINED_RATE = 500;
    private static final List<String> SMALL_JVM = List.of("-Xmx64m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1");

    private final Plan plan;
    private final MosquittoBroker broker;
    private final Path work;
    private final Path deviceJar;
    private final Floors floors;
    private final Report report;
    private final Set<String> only;
    private final boolean peer;
    private final List<String> errors = new ArrayList<>();

    /** The floors the system figures are compared with, measured earlier in the same run. */
    record Floors(double mqttThroughput, double mqttP50, double mqttP99, double sqliteBatched) {
    }

    /** {@code only}: the names of the sections to run (e.g. "peak durable ingest"); empty for all. */
    SystemRun(Plan plan, MosquittoBroker broker, Path work, Path deviceJar, Floors floors, Report report, Set<String> only,
              boolean peer) {
        this.only = Set.copyOf(only);
        this.peer = peer;
        this.plan = plan;
        this.broker = broker;
        this.work = work;
        this.deviceJar = deviceJar;
        this.floors = floors;
        this.report = report;
    }

    /** Runs every system figure; a figure that throws is reported as failed and the rest still run. */
    List<String> run() throws Exception {
        Path region = new BenchRegion(2000).write(work.resolve("bench.yaml"));
        HubConfig config = new HubConfig(false, "127.0.0.1", 0, "127.0.0.1", 0, broker.url(), null, null,
                work.resolve("hub"), region, null, null, 0); // no rate limit: the query bench is one client on purpose
        try (Hub hub = Hub.start(config, Clock.systemUTC())) {
            Await.until(hub::brokerConnected, 30, "the hub to connect to Mosquitto");
            section("availability query", () -> query(hub));
            section("node commit to SSE", () -> sse(hub));
            section("peak durable ingest", this::ingest);
            section("backlog drain", () -> backlog(hub));
            section("sustained load", () -> sustained(hub));
            section("device process", this::device);
        }
        section("queued durable ingest", () -> queued(region));
        section("hub restart", () -> restart(region));
        if (peer) {
            section("Node-RED peer", this::peer);
        } else {
            report.add(new Figure("peer: Node-RED 4 MQTT → SQLite", "", Double.NaN, List.of(), null, null, null, null,
                    "not run (the quick plan, or --no-peer; it needs npm, which CI lacks): see the full plan"));
        }
        return errors;
    }

    private void query(Hub hub) throws Exception {
        QueryBench bench = new QueryBench(hub.projection(), hub.httpPort(), BenchAuth.token(hub));
        List<double[]> local = plan.measure(run -> bench.inProcess(plan.queries()));
        List<double[]> http = plan.measure(run -> bench.overHttp(Math.max(20, plan.queries() / 10)));
        String shape = (int) local.get(0)[2] + " locations / 20,000 places";
        report.add(Figure.info("availability query in-process p50", "ms", Plan.column(local, 0), shape));
        report.add(Figure.atMost("availability query in-process p99", "ms", Plan.column(local, 1), null, null, 2.0,
                "projection().query(null,null,null), " + plan.queries() + " queries/run"));
        report.add(Figure.info("availability query HTTP p50", "ms", Plan.column(http, 0), "GET /api/v1/availability"));
        report.add(new Figure("availability query HTTP p99", "ms", Stats.median(Plan.column(http, 1)), Plan.column(http, 1),
                "in-process p99", Stats.median(Plan.column(local, 1)), null, null,
                "full answer read, " + bench.answerBytes() + " B; java.net.http client in the same JVM"));
    }

    private void sse(Hub hub) throws Exception {
        List<double[]> runs;
        long[] warmUp;
        double[] breakdown;
        try (SseLatencyBench bench = new SseLatencyBench(broker.url(), hub.httpPort(), BenchAuth.token(hub), SSE_LOCATION,
                work)) {
            warmUp = bench.warmUp(plan.sseCheckIns() * SSE_WARM_UP_PER_MEASURED);
            runs = plan.measure(run -> bench.run(plan.sseCheckIns()));
            breakdown = bench.breakdown(plan.sseCheckIns());
        }
        report.add(Figure.info("  warm-up before the SSE runs", "changes", List.of((double) warmUp[0]),
                "back to back until " + Steady.BATCH + " changes cost < " + Steady.JIT_MILLIS
                        + " ms of JIT compilation (last batch: " + warmUp[1] + " ms)"));
        report.add(new Figure("node commit → SSE frame p50", "ms", Stats.median(Plan.column(runs, 0)), Plan.column(runs, 0),
                "MQTT round trip p50", floors.mqttP50(), null, null, "real device Node, check-in/out, HTTP SSE subscriber"));
        double limit = floors.mqttP99() + 5.0;
        report.add(Figure.atMost("node commit → SSE frame p99", "ms", Plan.column(runs, 1), "MQTT round trip p99",
                floors.mqttP99(), limit, plan.sseCheckIns() + " changes/run; target = floor p99 + 5 ms"));
        List<double[]> path;
        try (PathFloor pathFloor = new PathFloor(broker.url(), work)) {
            pathFloor.warmUp(plan.sseCheckIns() * SSE_WARM_UP_PER_MEASURED);
            path = plan.measure(run -> pathFloor.run(plan.sseCheckIns()));
        }
        report.add(Figure.info("floor: MQTT → commit → SSE path p50", "ms", Plan.column(path, 0),
                "publish → relay (enqueue, one worker: SQLite commit, SSE frame) → HTTP client; no hub logic"));
        report.add(Figure.info("floor: MQTT → commit → SSE path p99", "ms", Plan.column(path, 1),
                plan.sseCheckIns() + " changes/run, one in flight, 5 ms apart, as below"));
        report.add(new Figure("node commit → SSE frame p99, against that path", "ms", Stats.median(Plan.column(runs, 1)),
                Plan.column(runs, 1), "path floor p99", Stats.median(Plan.column(path, 1)), null, null,
                "the same hops without the hub's logic, measured in this run"));
        report.add(Figure.info("node commit → SSE frame max", "ms", Plan.column(runs, 2), "worst of each run"));
        report.add(Figure.info("  JIT compilation during each SSE run", "ms", Plan.column(runs, 3),
                "compiler threads' time (CompilationMXBean) while the run was measured"));
        String bystander = "one more run with a bystander subscriber on the node's event and ack topics";
        report.add(Figure.info("  of which: commit → event at broker p50", "ms", List.of(breakdown[0]), bystander));
        report.add(Figure.info("  of which: commit → ack at broker p50", "ms", List.of(breakdown[1]),
                "the ack follows the hub's commit"));
        report.add(Figure.info("  of which: commit → event at broker p99", "ms", List.of(breakdown[2]), ""));
        report.add(Figure.info("  of which: commit → ack at broker p99", "ms", List.of(breakdown[3]), ""));
        HubMetrics metrics = HubMetrics.read(hub.metricsPort());
        metrics.value("opvang_ingest_latency_seconds{quantile=\"0.5\"").ifPresent(value -> report.add(Figure.info(
                "  hub's own ingest latency p50 (arrival → ack)", "ms", List.of(value * 1000), "GET /metrics, recent window")));
        metrics.value("opvang_ingest_latency_seconds{quantile=\"0.99\"").ifPresent(value -> report.add(Figure.info(
                "  hub's own ingest latency p99 (arrival → ack)", "ms", List.of(value * 1000), "GET /metrics, recent window")));
    }

    private void ingest() throws Exception {
        IngestBench bench = new IngestBench(broker.url(), 1, Map.of("mosquitto", broker.pid()));
        List<double[]> runs = plan.measure(run -> bench.run(plan.ingestNodes(), plan.ingestEvents()));
        report.add(Figure.atLeast("peak durable ingest", "events/s", Plan.column(runs, 0), "MQTT throughput floor",
                floors.mqttThroughput(), 10_000, plan.ingestNodes() + " raw nodes × " + plan.ingestEvents()
                        + " events, window " + IngestBench.WINDOW + "/node, counted at ack; SQLite batched floor "
                        + Figure.format(floors.sqliteBatched()) + " rows/s"));
        report.add(Figure.info("peak ingest publish → ack p50", "ms", Plan.column(runs, 1), "under peak load"));
        report.add(Figure.info("peak ingest publish → ack p99", "ms", Plan.column(runs, 2), "under peak load"));
        report.add(Figure.atMost("peak ingest events rejected", "events", Plan.column(runs, 3), null, null, 0,
                "acked as rejected by the hub; must be 0"));
        addCpu("  CPU during peak ingest: ", bench.cpu(), plan.runs());
    }

    /** One row per part of the machine: percent of one core, from first publish to last ack (measured runs only). */
    private void addCpu(String prefix, List<Map<String, Double>> perRun, int measuredRuns) {
        List<Map<String, Double>> measured = perRun.subList(Math.max(0, perRun.size() - measuredRuns), perRun.size());
        if (measured.isEmpty()) {
            return;
        }
        for (String part : measured.get(0).keySet()) {
            List<Double> shares = measured.stream().map(run -> run.getOrDefault(part, 0.0)).toList();
            report.add(Figure.info(prefix + part, "% core", shares, "CpuAccount; 2 cores = 200 %"));
        }
    }

    /** The hub alone with the broker on the cores: the load is queued at the broker before the hub starts. */
    private void queued(Path region) throws Exception {
        QueuedIngestBench bench = new QueuedIngestBench(broker, region, work.resolve("hub-queued"));
        bench.prepare();
        int messages = plan.ingestNodes() * (plan.ingestEvents() + 1);
        int[] index = {0};
        // 1 warm-up and at most 3 measured runs: each run queues and drains 25,000 events, and the full run must stay
        // under 10 minutes.
        Plan shorter = new Plan(plan.name(), Math.min(1, plan.warmups()), Math.min(3, plan.runs()), 0, 0, 0, 0, 0, 0, 0,
                0, 0, 0, null, true);
        List<double[]> floor = shorter.measure(run -> new double[] {bench.floor(messages, index[0]++)});
        List<double[]> runs = shorter.measure(run -> new double[] {bench.hub(plan.ingestNodes(), plan.ingestEvents(),
                QUEUED_FIRST)});
        report.add(Figure.info("floor: MQTT queue → idle subscriber", "msg/s", Plan.column(floor, 0), messages
                + " QoS 1 messages queued for a persistent session, drained by a Paho client that does nothing"));
        report.add(Figure.atLeast("peak durable ingest, load queued beforehand", "events/s", Plan.column(runs, 0),
                "queue → idle subscriber", Stats.median(Plan.column(floor, 0)), 10_000, plan.ingestNodes()
                        + " nodes × " + plan.ingestEvents() + " events published while the hub was down; from Hub.start "
                        + "returning (it connects after) to the last ack; stored once, acked after commit"));
        addCpu("  CPU while the hub drains: ", bench.cpu(), shorter.runs());
    }

    private void backlog(Hub hub) throws Exception {
        BacklogBench bench = new BacklogBench(broker.port(), BACKLOG_LOCATION, work, hub.dataDir().resolve("hub.db"));
        List<double[]> runs = new ArrayList<>();
        int measured = plan.runs() > 1 ? 3 : 1;
        for (int i = 0; i < measured; i++) {
            runs.add(bench.run(plan.backlog(), i));
        }
        report.add(Figure.atMost("backlog drain after reconnect", "s", Plan.column(runs, 0), null, null, 10.0,
                plan.backlog() + " events recorded offline; none lost or doubled (checked in hub.db)"));
        report.add(Figure.info("backlog: link restored → node reconnected", "s", Plan.column(runs, 1),
                "the node's capped reconnect back-off"));
        report.add(Figure.info("backlog: recording the events offline", "s", Plan.column(runs, 2),
                "one durable node commit per event"));
    }

    private void sustained(Hub hub) throws Exception {
        SustainedBench bench = new SustainedBench(broker.url(), broker.port(), hub.httpPort(), hub.metricsPort(),
                hub.dataDir().resolve("hub.db"), SUSTAINED_FIRST);
        SustainedBench.Result run = bench.run(SUSTAINED_RATE, SUSTAINED_NODES, plan.sustained());
        long events = run.linksUp().length + run.caughtByCut().length;
        String note = SUSTAINED_RATE + " events/s over " + SUSTAINED_NODES + " raw nodes for " + plan.sustained().toSeconds()
                + " s (" + events + " events, each stored once: checked in hub.db), achieved " + Figure.format(run.achieved())
                + "/s, under faults";
        report.add(Figure.info("sustained under faults: publish → ack p50", "ms",
                List.of(Stats.millis(Stats.percentile(run.linksUp(), 0.5))), note));
        report.add(Figure.atMost("sustained under faults: publish → ack p99", "ms",
                List.of(Stats.millis(Stats.percentile(run.linksUp(), 0.99))), "MQTT round trip p99", floors.mqttP99(), 200,
                "every event whose own link was up (" + run.linksUp().length + ")"));
        report.add(Figure.info("sustained under faults: publish → ack max", "ms",
                List.of(Stats.millis(Stats.max(run.linksUp()))), "of the same"));
        if (run.caughtByCut().length > 0) {
            report.add(Figure.info("  events a link cut caught: publish → ack p50", "ms",
                    List.of(Stats.millis(Stats.percentile(run.caughtByCut(), 0.5))), run.caughtByCut().length
                            + " events unacked at a cut or sent before the reconnect; they wait for their link"));
            report.add(Figure.info("  events a link cut caught: publish → ack max", "ms",
                    List.of(Stats.millis(Stats.max(run.caughtByCut()))), "links of " + SustainedBench.CUT_NODES
                            + " nodes cut in turn (see faults injected); a node reconnects at most 1 s apart"));
        }
        report.add(Figure.info("  faults injected", "events", List.of(run.rejectedByHub()),
                "messages the hub rejected (GET /metrics); injected: " + run.faults() + "; every "
                        + SustainedBench.DUPLICATE_EVERY + "th event sent twice, every " + SustainedBench.SWAP_EVERY
                        + "th pair swapped, one node's clock a day behind"));
    }

    private void device() throws Exception {
        if (!Files.isRegularFile(deviceJar)) {
            throw new IllegalStateException("no device jar at " + deviceJar + "; build it: ./mvnw -q -pl device -am package -DskipTests");
        }
        DeviceBench bench = new DeviceBench(deviceJar, broker.url(), work);
        int runs = plan.runs() > 1 ? 3 : 1;
        List<Double> firstDefault = new ArrayList<>();
        List<Double> rssIdle = new ArrayList<>();
        for (int i = 0; i < runs; i++) {
            double[] run = bench.firstPublish(DEVICE_LOCATION, List.of());
            firstDefault.add(run[0]);
            rssIdle.add(run[1]);
        }
        double[] small = plan.runs() > 1 ? bench.firstPublish(DEVICE_LOCATION, SMALL_JVM) : new double[] {Double.NaN};
        int seconds = plan.runs() > 1 ? 15 : 3;
        double[] loadDefault = bench.underLoad(seconds, 10, List.of());
        double[] loadSmall = bench.underLoad(seconds, 10, SMALL_JVM);
        report.add(Figure.atMost("device: start → first publish", "s", firstDefault, null, null, 3.0,
                "java -jar opvang-device.jar --config, default JVM flags; birth seen at a broker subscriber"));
        if (!Double.isNaN(small[0])) {
            report.add(Figure.atMost("device: start → first publish, small JVM", "s", List.of(small[0]), null, null, 3.0,
                    String.join(" ", SMALL_JVM)));
        }
        report.add(Figure.info("device: VmRSS idle after start", "MB", rssIdle, "default JVM flags"));
        // The target row is the device as installed: deploy/systemd/opvang-device.service runs it with SMALL_JVM. With
        // JVM defaults the heap is sized for this 24 GB host, which says little about a Pi.
        report.add(Figure.info("device: peak VmRSS under load, JVM defaults", "MB", List.of(loadDefault[0]),
                "--simulate 1, ~100 events/s, " + seconds + " s, default JVM flags; " + Figure.format(loadDefault[1]) + " acks/s"));
        report.add(Figure.atMost("device: peak VmRSS under load, as installed", "MB", List.of(loadSmall[0]), null, null, 100,
                String.join(" ", SMALL_JVM) + " (the systemd unit's flags); " + Figure.format(loadSmall[1]) + " acks/s"));
    }

    private void restart(Path region) throws Exception {
        RestartBench bench = new RestartBench(broker.url(), region, work.resolve("hub-restart"));
        double prepared = bench.prepare(plan.storedEvents(), 2000);
        long stored = bench.storedEvents();
        List<double[]> runs = plan.measure(run -> bench.run());
        report.add(Figure.atMost("hub restart → serving availability", "s", Plan.column(runs, 0), null, null, 3.0,
                stored + " stored events (written in " + Figure.format(prepared) + " s through the hub's Database), 2,000 nodes"));
        report.add(Figure.info("hub restart: Hub.start returned", "s", Plan.column(runs, 1), "of the above"));
    }

    /**
     * The Node-RED peer after the hub has stopped (it would answer the same topics): the same raw nodes and window as
     * the peak ingest, against each flow, then the hub's peak ingest as a multiple of each.
     */
    private void peer() throws Exception {
        Path dir = NodeRedPeer.locate();
        if (dir == null) {
            throw new IllegalStateException("no bench/peer/nodered/package-lock.json below " + Path.of("").toAbsolutePath()
                    + "; run the bench from the repository root");
        }
        forgetHubSession();
        NodeRedPeer nodeRed = new NodeRedPeer(dir, work, broker.url(), broker.port());
        String version = nodeRed.install();
        // Batched: 1 warm-up and 3 measured runs. Per-row is disk-bound (one fsync per event, ~40 s per run here):
        // one measured run, so the full run stays under 10 minutes.
        Plan batchedPlan = new Plan(plan.name(), 1, Math.min(3, plan.runs()), 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, null, true);
        Plan perRowPlan = new Plan(plan.name(), 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, null, true);
        Double hub = report.figures().stream().filter(figure -> figure.name().equals("peak durable ingest"))
                .map(Figure::value).findFirst().orElse(null);
        int index = 0;
        for (String flow : NodeRedPeer.FLOWS) {
            String label = "peer: Node-RED " + version + ", " + ("per-row".equals(flow) ? "1 INSERT/event" : "100 events/INSERT");
            List<double[]> runs = new ArrayList<>();
            Plan peerPlan = "per-row".equals(flow) ? perRowPlan : batchedPlan;
            IngestBench bench;
            try (NodeRedPeer.Running running = nodeRed.start(flow, index++)) {
                bench = new IngestBench(broker.url(), 1, Map.of("mosquitto", broker.pid(), "node-red", running.pid()));
                long[] expected = {0};
                runs.addAll(peerPlan.measure(run -> {
                    double[] result = bench.run(plan.ingestNodes(), plan.ingestEvents());
                    expected[0] += (long) plan.ingestNodes() * (plan.ingestEvents() + 1);
                    long rows = running.rows();
                    if (rows != expected[0]) {
                        throw new IllegalStateException(flow + ": " + rows + " rows stored, " + expected[0] + " expected");
                    }
                    return new double[] {result[0], result[1], result[2], running.rssMegabytes()};
                }));
            }
            String note = plan.ingestNodes() + " raw nodes × " + plan.ingestEvents() + " events, window "
                    + IngestBench.WINDOW + "/node, counted at the flow's ack after its INSERT (row count checked)";
            report.add(Figure.info(label, "events/s", Plan.column(runs, 0), note));
            report.add(Figure.info("  its publish → ack p50", "ms", Plan.column(runs, 1), flow));
            report.add(Figure.info("  its publish → ack p99", "ms", Plan.column(runs, 2), flow));
            report.add(Figure.info("  its VmRSS after each run", "MB", Plan.column(runs, 3), "Node-RED process"));
            addCpu("  CPU during its runs: ", bench.cpu(), peerPlan.runs());
            double peerRate = Stats.median(Plan.column(runs, 0));
            if (hub != null && !Double.isNaN(hub)) {
                double ratio = hub / peerRate;
                report.add(new Figure("peak durable ingest ÷ Node-RED " + flow, "events/s", hub, List.of(hub),
                        "Node-RED " + flow, peerRate, "≥ 5× Node-RED", ratio >= 5,
                        "hub's peak durable ingest of this run against the same load through Node-RED; "
                                + "Node-RED PUBACKs on arrival, before storing"));
            }
        }
    }

    /** Ends the hub's persistent MQTT session, so the broker stops queueing node messages for a hub that is gone. */
    private void forgetHubSession() throws Exception {
        Clients.close(Clients.connect(broker.url(), "opvang-hub", true));
    }

    private void section(String name, Section section) {
        if (!only.isEmpty() && !only.contains(name)) {
            return;
        }
        System.out.println("bench: " + name + " ...");
        long start = System.nanoTime();
        try {
            section.run();
        } catch (Exception | AssertionError e) {
            errors.add(name + ": " + e);
            report.add(Figure.failed(name, e.toString()));
            e.printStackTrace(System.out);
        }
        System.out.printf("bench: %s took %.1f s%n", name, (System.nanoTime() - start) / 1e9);
    }

    /** One part of the run. */
    @FunctionalInterface
    interface Section {
        void run() throws Exception;
    }
}
