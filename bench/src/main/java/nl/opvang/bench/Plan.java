package nl.opvang.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * How much to measure: the quick smoke run for CI, the full table run, or the full run with the long sustained load.
 *
 * @param name            quick, full or long
 * @param warmups         unmeasured runs before the measured ones
 * @param runs            measured runs; figures report the median
 * @param mqttMessages    throughput floor: messages per run (end-to-end window of 200)
 * @param mqttLatency     latency floor: sequential messages per run
 * @param sqliteBatched   durable batched floor: rows per run (1000 per transaction)
 * @param sqlitePerRow    durable per-row floor: rows per run
 * @param ingestNodes     simulated nodes for the peak ingest
 * @param ingestEvents    events per node per ingest run
 * @param sseCheckIns     check-ins timed from node commit to SSE frame, per run
 * @param queries         availability queries per run (in-process); a tenth of them over HTTP
 * @param backlog         events recorded offline before the drain
 * @param storedEvents    stored events in the hub restart test
 * @param sustained       how long the sustained load runs
 * @param peer            whether to run the Node-RED peer (needs npm and node; not in the quick CI run)
 */
public record Plan(String name, int warmups, int runs, int mqttMessages, int mqttLatency, int sqliteBatched, int sqlitePerRow,
                   int ingestNodes, int ingestEvents, int sseCheckIns, int queries, int backlog, int storedEvents,
                   Duration sustained, boolean peer) {

    public static Plan quick() {
        return new Plan("quick", 1, 1, 5_000, 500, 20_000, 300, 20, 200, 30, 300, 2_000, 50_000, Duration.ofSeconds(5), false);
    }

    public static Plan full() {
        return new Plan("full", 2, 5, 20_000, 2_000, 200_000, 1_000, 50, 500, 500, 1_000, 10_000, 1_000_000,
                Duration.ofSeconds(20), true);
    }

    /** The full run with the sustained load of docs/DESIGN.md §8: ten minutes. */
    public static Plan longRun() {
        Plan full = full();
        return new Plan("long", full.warmups, full.runs, full.mqttMessages, full.mqttLatency, full.sqliteBatched,
                full.sqlitePerRow, full.ingestNodes, full.ingestEvents, full.sseCheckIns, full.queries, full.backlog,
                full.storedEvents, Duration.ofMinutes(10), true);
    }

    /** Warm-ups then measured runs of {@code run}; returns each measured run's values. */
    public List<double[]> measure(Run run) throws Exception {
        for (int i = 0; i < warmups; i++) {
            run.run(-1 - i);
        }
        List<double[]> values = new ArrayList<>();
        for (int i = 0; i < runs; i++) {
            values.add(run.run(i));
        }
        return values;
    }

    /** Value number {@code index} of every run. */
    public static List<Double> column(List<double[]> runs, int index) {
        List<Double> column = new ArrayList<>();
        for (double[] run : runs) {
            column.add(run[index]);
        }
        return column;
    }

    /** One run of a measurement; a negative index is a warm-up. */
    @FunctionalInterface
    public interface Run {
        double[] run(int index) throws Exception;
    }
}
