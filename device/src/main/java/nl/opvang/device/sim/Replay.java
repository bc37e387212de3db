package nl.opvang.device.sim;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import nl.opvang.device.node.Node;
import nl.opvang.device.node.OperationRefused;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Performs a {@link History} on the nodes themselves, each step at its own time on their clock. */
final class Replay {
    private static final Logger LOG = LoggerFactory.getLogger(Replay.class);

    private Replay() {
    }

    /**
     * Each node lives through its own steps in order on its own clock; the nodes run side by side (their SQLite commits,
     * not the processor, take the time).
     */
    static void run(History.Plan plan, List<SimulatedNode> simulated, List<StoryClock> clocks) {
        long started = System.nanoTime();
        AtomicInteger refused = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(4, Math.max(1, simulated.size())));
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int i = 0; i < simulated.size(); i++) {
                int index = i;
                List<History.Step> steps = plan.steps().stream().filter(step -> step.node() == index).toList();
                done.add(pool.submit(() -> replay(simulated.get(index).node(), steps, clocks.get(index), refused)));
            }
            for (Future<?> each : done) {
                each.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while replaying the demo history", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("the demo history failed", e.getCause());
        } finally {
            pool.shutdownNow();
            clocks.forEach(StoryClock::release);
        }
        for (int i = 0; i < simulated.size(); i++) {
            simulated.get(i).knows(plan.inBed().get(i));
        }
        LOG.info("demo history: {} steps over {} weeks in {} ms ({} refused)", plan.steps().size(), History.WEEKS,
                (System.nanoTime() - started) / 1_000_000, refused.get());
    }

    private static void replay(Node node, List<History.Step> steps, StoryClock clock, AtomicInteger refused) {
        try {
            for (History.Step step : steps) {
                clock.set(step.at());
                try {
                    perform(node, step.action());
                } catch (OperationRefused e) {
                    refused.incrementAndGet();
                    LOG.debug("history step refused: {}", e.getMessage());
                }
            }
        } finally {
            clock.release();
        }
    }

    private static void perform(Node node, History.Action action) {
        if (action instanceof History.CheckIn in) {
            node.checkIn(in.bed(), in.pass(), in.origin(), in.hold());
        } else if (action instanceof History.CheckOut out) {
            node.checkOut(out.bed(), out.pass(), out.destination());
        } else if (action instanceof History.TurnAway away) {
            node.turnAway(away.reason(), away.kind());
        } else if (action instanceof History.OpenNood open) {
            node.openNood(null, open.until(), "kiosk");
        } else if (action instanceof History.CloseNood) {
            node.closeNood("kiosk");
        } else if (action instanceof History.Count count) {
            node.count(count.kind(), count.occupied());
        }
    }
}
