package nl.opvang.hub.testkit;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import nl.opvang.protocol.Envelope;
import nl.opvang.protocol.Kind;
import nl.opvang.protocol.NodeMessage;
import nl.opvang.protocol.Payload;
import nl.opvang.protocol.PlaceStatus;

/** Builds a node's messages in seq order, as a node would, for tests that play the node. */
public final class Messages {
    private final String site;
    private final String node;
    private final String session;
    private long seq;

    public Messages(String site, String node) {
        this(site, node, UUID.randomUUID().toString());
    }

    public Messages(String site, String node, String session) {
        this.site = site;
        this.node = node;
        this.session = session;
    }

    public String session() {
        return session;
    }

    public NodeMessage next(Payload payload) {
        return next(payload, Instant.parse("2026-11-22T22:00:00Z").plusSeconds(seq + 1));
    }

    /** The next message, sent by the node at {@code at} (its own clock: the envelope's time). */
    public NodeMessage next(Payload payload, Instant at) {
        seq++;
        return new NodeMessage(new Envelope(1, UUID.randomUUID(), site, node, session, seq, at), payload);
    }

    /** The test location's birth: T1–T4 regular and T5 crisis, all free. */
    public NodeMessage testBirth() {
        List<Payload.BedState> beds = new ArrayList<>();
        for (int bed = 1; bed <= 4; bed++) {
            beds.add(new Payload.BedState("T" + bed, Kind.REGULAR, PlaceStatus.FREE));
        }
        beds.add(new Payload.BedState("T5", Kind.CRISIS, PlaceStatus.FREE));
        return next(new Payload.Birth("test", 30, beds, List.of()));
    }

    public NodeMessage checkIn(String bed, String token) {
        return next(new Payload.CheckIn(bed, null, token, "0307", null));
    }

    public NodeMessage checkOut(String bed, String token) {
        return next(new Payload.CheckOut(bed, null, token, null));
    }

    public static String token(int number) {
        return "k1:" + String.format("%012d", number);
    }
}
