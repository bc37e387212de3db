package nl.opvang.device.sim;

import java.util.List;
import nl.opvang.device.node.Node;
import nl.opvang.device.node.OperationRefused;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Performs a {@link History} on the nodes themselves, each step at its own time on their clock. */
final class Replay {
    private static final Logger LOG = LoggerFactory.getLogger(Replay.class);

    private Replay() {
    }

    static void run(History.Plan plan, List<SimulatedNode> simulated, StoryClock clock) {
        long started = System.nanoTime();
        int refused = 0;
        try {
            for (History.Step step : plan.steps()) {
                clock.set(step.at());
                try {
                    perform(simulated.get(step.node()).node(), step.action());
                } catch (OperationRefused e) {
                    refused++;
                    LOG.debug("history step refused: {}", e.getMessage());
                }
            }
        } finally {
            clock.release();
        }
        for (int i = 0; i < simulated.size(); i++) {
            simulated.get(i).knows(plan.inBed().get(i));
        }
        LOG.info("demo history: {} steps over {} weeks in {} ms ({} refused)", plan.steps().size(), History.WEEKS,
                (System.nanoTime() - started) / 1_000_000, refused);
    }

    private static void perform(Node node, History.Action action) {
        if (action instanceof History.CheckIn in) {
            node.checkIn(in.bed(), in.pass(), in.origin());
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
