package nl.opvang.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import nl.opvang.harness.MosquittoBroker;

/**
 * The Node-RED peer section of the system run (docs/DESIGN.md §8), after the hub has stopped (it would answer the same
 * topics): the same raw nodes and window as the peak ingest, against each flow of {@link NodeRedPeer}, then the hub's
 * peak ingest of this run as a multiple of each.
 */
final class PeerRun {
    private final Plan plan;
    private final Report report;
    private final MosquittoBroker broker;
    private final Path work;
    private final ObjectMapper json;

    PeerRun(Plan plan, Report report, MosquittoBroker broker, Path work, ObjectMapper json) {
        this.plan = plan;
        this.report = report;
        this.broker = broker;
        this.work = work;
        this.json = json;
    }

    void run() throws Exception {
        Path dir = NodeRedPeer.locate();
        if (dir == null) {
            throw new IllegalStateException("no bench/peer/nodered/package-lock.json below " + Path.of("").toAbsolutePath()
                    + "; run the bench from the repository root");
        }
        forgetHubSession();
        NodeRedPeer nodeRed = new NodeRedPeer(dir, work, broker.url(), broker.port(), json);
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
            report.addCpu("  CPU during its runs: ", bench.cpu(), peerPlan.runs());
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
}
