package nl.opvang.device.node;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import nl.opvang.protocol.Kind;
import nl.opvang.protocol.NodeMessage;

/**
 * A small device process for {@link NodeCapacityKillTest}: starts a node (no broker: it keeps everything in its outbox)
 * on a data folder and turns its noodbedden over in a loop until it is killed: open them, a guest comes, close them
 * (closing under the guest, reason {@code panel}), the guest leaves (they close). Each step is picked from the node's own state, so a run on
 * the same folder carries on where a killed one stopped, and prints {@code DONE <seq> <id>} only after the local
 * commit returned.
 *
 * <p>Usage: {@code CapacityLoop DATA_DIR}
 */
public final class CapacityLoop {
    private CapacityLoop() {
    }

    public static void main(String[] args) {
        PrintStream out = System.out;
        Node node = Node.start(TestNodes.config("tcp://127.0.0.1:1", Path.of(args[0])), Clock.systemUTC());
        for (long turn = 1; ; turn++) {
            CountPlace nood = node.nood().orElseThrow();
            NodeMessage message;
            if (!nood.open()) {
                message = node.openNood((int) (1 + turn % 4), Instant.now().plus(Duration.ofHours(1)), "kiosk");
            } else if (!nood.closing() && nood.occupied() == 0) {
                message = node.count(Kind.NOOD, 1);
            } else if (!nood.closing()) {
                message = node.closeNood("panel");
            } else {
                message = node.count(Kind.NOOD, 0);
            }
            out.println("DONE " + message.envelope().seq() + " " + message.envelope().id());
            out.flush();
        }
    }
}
