package nl.opvang.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.List;
import nl.opvang.hub.Hub;

/**
 * The kiosk-to-screen section of the system run (docs/DESIGN.md §8): a real node's commit to the SSE frame a CT screen
 * reads, against the MQTT round-trip floor and against the same hops without the hub's logic ({@link PathFloor}), with
 * the breakdown of where the time goes and the hub's own ingest latency.
 */
final class SseRun {
    /** At most this many warm-up changes per measured change before the SSE runs (they stop once the JIT settles). */
    private static final int WARM_UP_PER_MEASURED = 40;

    private final Plan plan;
    private final Report report;
    private final SystemRun.Floors floors;
    private final String brokerUrl;
    private final Path work;
    private final ObjectMapper json;

    SseRun(Plan plan, Report report, SystemRun.Floors floors, String brokerUrl, Path work, ObjectMapper json) {
        this.plan = plan;
        this.report = report;
        this.floors = floors;
        this.brokerUrl = brokerUrl;
        this.work = work;
        this.json = json;
    }

    /** Measures against the running {@code hub}; the node is the generated region's {@code location}. */
    void run(Hub hub, int location) throws Exception {
        List<double[]> runs;
        long[] warmUp;
        double[] breakdown;
        try (SseLatencyBench bench = new SseLatencyBench(brokerUrl, hub.httpPort(), BenchAuth.token(hub), location, work,
                json)) {
            warmUp = bench.warmUp(plan.sseCheckIns() * WARM_UP_PER_MEASURED);
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
        try (PathFloor pathFloor = new PathFloor(brokerUrl, work)) {
            pathFloor.warmUp(plan.sseCheckIns() * WARM_UP_PER_MEASURED);
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
}
