package nl.opvang.hub.node;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import nl.opvang.device.node.Node;
import nl.opvang.protocol.NodeMessage;
import nl.opvang.protocol.PlaceStatus;

/**
 * A small device process for {@link DeviceKillIT}: starts the test location's node on a data folder and checks guests
 * in and out of T1–T5 in a loop until it is killed. A line {@code CONFIRMED <bed> <seq> <id>} is printed only after
 * {@link Node#checkIn} returned (the local durable commit, the moment a kiosk would say "bewaard");
 * {@code CHECKED_OUT <bed> <seq> <id>} likewise for check-outs. It picks each action from the node's own state, so a
 * restart on the same folder carries on where the killed run stopped.
 *
 * <p>Usage: {@code CheckInLoop BROKER_URL DATA_DIR}
 */
public final class CheckInLoop {
    private CheckInLoop() {
    }

    public static void main(String[] args) {
        PrintStream out = System.out;
        Node node = Node.start(TestLocation.nodeConfig(args[0], Path.of(args[1])), Clock.systemUTC());
        out.println("STARTED " + node.session());
        out.flush();
        for (long turn = 0; ; turn++) {
            String bed = "T" + (1 + turn % 5);
            // One pass per bed, so that the check-out names the guest the bed holds.
            String pass = "7000" + bed.substring(1);
            PlaceStatus status = node.state().bed(bed).orElseThrow().status();
            if (status == PlaceStatus.FREE) {
                NodeMessage message = node.checkIn(bed, pass, "0307");
                print(out, "CONFIRMED", bed, message);
            } else {
                NodeMessage message = node.checkOut(bed, pass, null);
                print(out, "CHECKED_OUT", bed, message);
            }
        }
    }

    private static void print(PrintStream out, String what, String bed, NodeMessage message) {
        out.println(what + " " + bed + " " + message.envelope().seq() + " " + message.envelope().id());
        out.flush();
    }
}
