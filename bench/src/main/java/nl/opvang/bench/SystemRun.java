package nl.opvang.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import nl.opvang.harness.MosquittoBroker;
import nl.opvang.hub.Hub;
import nl.opvang.hub.HubConfig;

/**
 * The system figures of docs/DESIGN.md §8, each against the floors measured earlier in the same run: which sections
 * run, in which order, on which location of the generated region, and a crashed section reported without stopping the
 * rest. One hub runs in this JVM on the generated region (2,000 locations) against the run's one Mosquitto; the restart
 * test runs after it closed, because a second hub would take over its MQTT client id. The larger sections have their
 * own class ({@link SseRun}, {@link DeviceRun}, {@link PeerRun}).
 */
final class SystemRun {
    private static final int SSE_LOCATION = 1990;
    private static final int BACKLOG_LOCATION = 1991;
    private static final int DEVICE_LOCATION = 1992;
    private static final int SUSTAINED_FIRST = 101;
    private static final int QUEUED_FIRST = 201;
    private static final int SUSTAINED_NODES = 20;
    private static final int SUSTAINED_RATE = 500;

    private final Plan plan;
    private final MosquittoBroker broker;
    private final Path work;
    private final Path deviceJar;
    private final Floors floors;
    private final Report report;
    private final Set<String> only;
    private final boolean peer;
    private final ObjectMapper json;
    private final List<String> errors = new ArrayList<>();

    /** The floors the system figures are compared with, measured earlier in the same run. */
    record Floors(double mqttThroughput, double mqttP50, double mqttP99, double sqliteBatched) {
    }

    /**
     * {@code only}: the names of the sections to run (e.g. "peak durable ingest"); empty for all. {@code json}: the
     * process's one mapper.
     */
    SystemRun(Plan plan, MosquittoBroker broker, Path work, Path deviceJar, Floors floors, Report report, Set<String> only,
              boolean peer, ObjectMapper json) {
        this.json = json;
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
        HubConfig config = HubConfig.builder().loopbackAnyPorts().mqttUrl(broker.url()).data(work.resolve("hub")).region(region)
                .httpRateLimit(0).build(); // no rate limit: the query bench is one client on purpose
        try (Hub hub = Hub.start(config, Clock.systemUTC())) {
            Await.until(hub::brokerConnected, 30, "the hub to connect to Mosquitto");
            section("availability query", () -> query(hub));
            section("node commit to SSE", () -> new SseRun(plan, report, floors, broker.url(), work, json)
                    .run(hub, SSE_LOCATION));
            section("peak durable ingest", () -> ingest(hub));
            section("backlog drain", () -> backlog(hub));
            section("sustained load", () -> sustained(hub));
            section("device process", () -> new DeviceRun(plan, report, deviceJar, broker.url(), work)
                    .run(DEVICE_LOCATION));
            if (!plan.name().equals("quick")) { // last with this hub: it fills the hub's monitoring tables
                section("ingest while the report is read", () -> new ReportWhileIngestRun(plan, report, broker.url(),
                        Map.of("mosquitto", broker.pid())).run(hub));
            }
        }
        section("queued durable ingest", () -> queued(region));
        section("hub restart", () -> restart(region));
        if (peer) {
            section("Node-RED peer", () -> new PeerRun(plan, report, broker, work, json).run());
        } else {
            report.add(new Figure("peer: Node-RED 4 MQTT → SQLite", "", Double.NaN, List.of(), null, null, null, null,
                    "not run (the quick plan, or --no-peer; it needs npm, which CI lacks): see the full plan"));
        }
        return errors;
    }

    private void query(Hub hub) throws Exception {
        QueryBench bench = new QueryBench(hub.inProcess().projection(), hub.httpPort(), BenchAuth.token(hub));
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

    private void ingest(Hub hub) throws Exception {
        IngestBench bench = new IngestBench(broker.url(), 1, Map.of("mosquitto", broker.pid()));
        HubMetrics before = HubMetrics.read(hub.metricsPort());
        List<double[]> runs = plan.measure(run -> bench.run(plan.ingestNodes(), plan.ingestEvents()));
        HubMetrics after = HubMetrics.read(hub.metricsPort());
        report.add(Figure.atLeast("peak durable ingest", "events/s", Plan.column(runs, 0), "MQTT throughput floor",
                floors.mqttThroughput(), 10_000, plan.ingestNodes() + " raw nodes × " + plan.ingestEvents()
                        + " events, window " + IngestBench.WINDOW + "/node, counted at ack; SQLite batched floor "
                        + Figure.format(floors.sqliteBatched()) + " rows/s"));
        report.add(Figure.info("peak ingest publish → ack p50", "ms", Plan.column(runs, 1), "under peak load"));
        report.add(Figure.info("peak ingest publish → ack p99", "ms", Plan.column(runs, 2), "under peak load"));
        report.add(Figure.atMost("peak ingest events rejected", "events", Plan.column(runs, 3), null, null, 0,
                "acked as rejected by the hub; must be 0"));
        report.add(Figure.atMost("hub CPU per stored event, live", "µs", Plan.column(runs, 4), null, null, 25,
                "CPU time of the hub's threads (CpuAccount) / events acked; GC and JIT not in it"));
        hubParts("  hub CPU per stored event, live: ", runs, 5);
        String batches = "opvang_ingest_batch_size_";
        report.add(Figure.info("  peak ingest: events per transaction", "events",
                List.of((after.sum(batches + "sum") - before.sum(batches + "sum"))
                        / (after.sum(batches + "count") - before.sum(batches + "count"))),
                "mean over the section's runs (warm-up included), from the hub's opvang_ingest_batch_size"));
        report.addCpu("  CPU during peak ingest: ", bench.cpu(), plan.runs());
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
        List<double[]> runs = shorter.measure(run -> bench.hub(plan.ingestNodes(), plan.ingestEvents(), QUEUED_FIRST));
        report.add(Figure.info("floor: MQTT queue → idle subscriber", "msg/s", Plan.column(floor, 0), messages
                + " QoS 1 messages queued for a persistent session, drained by a Paho client that does nothing"));
        report.add(Figure.atLeast("peak durable ingest, load queued beforehand", "events/s", Plan.column(runs, 0),
                "queue → idle subscriber", Stats.median(Plan.column(floor, 0)), 10_000, plan.ingestNodes()
                        + " nodes × " + plan.ingestEvents() + " events published while the hub was down; from Hub.start "
                        + "returning (it connects after) to the last ack; stored once, acked after commit"));
        report.add(Figure.atMost("hub CPU per stored event, queued", "µs", Plan.column(runs, 1), null, null, 25,
                "CPU time of the hub's threads (CpuAccount) / events acked; GC and JIT not in it"));
        hubParts("  hub CPU per stored event, queued: ", runs, 2);
        report.addCpu("  CPU while the hub drains: ", bench.cpu(), shorter.runs());
    }

    /** The hub's CPU per stored event by its threads' part ({@link CpuAccount#HUB_PARTS}), from column {@code first} on. */
    private void hubParts(String prefix, List<double[]> runs, int first) {
        for (int i = 0; i < CpuAccount.HUB_PARTS.size(); i++) {
            report.add(Figure.info(prefix + CpuAccount.HUB_PARTS.get(i), "µs", Plan.column(runs, first + i),
                    "this part's threads (CpuAccount)"));
        }
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

    private void restart(Path region) throws Exception {
        RestartBench bench = new RestartBench(broker.url(), region, work.resolve("hub-restart"));
        double prepared = bench.prepare(plan.storedEvents(), 2000);
        long stored = bench.storedEvents();
        List<double[]> runs = plan.measure(run -> bench.run());
        report.add(Figure.atMost("hub restart → serving availability", "s", Plan.column(runs, 0), null, null, 3.0,
                stored + " stored events (written in " + Figure.format(prepared) + " s through the hub's Database), 2,000 nodes"));
        report.add(Figure.info("hub restart: Hub.start returned", "s", Plan.column(runs, 1), "of the above"));
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
