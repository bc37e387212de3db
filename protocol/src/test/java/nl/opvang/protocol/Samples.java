package nl.opvang.protocol;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** Valid messages of every type of the contract, with their optional fields present and absent. */
final class Samples {
    static final String SESSION = "b2e4c6d8-1a3b-4c5d-8e7f-9a0b1c2d3e4f";
    static final String TOKEN = "k1:3q2+7Wm9xYzA0b1C2d3E4f5G6h7I8j9K0lM=";
    static final UUID HOLD = UUID.fromString("7a8b9c0d-1e2f-4a3b-8c4d-5e6f7a8b9c0d");
    static final Instant AT = Instant.parse("2026-11-22T22:14:03Z");

    private Samples() {
    }

    static List<Payload> payloads() {
        return List.of(
                new Payload.Birth("0.1.0", 30,
                        List.of(new Payload.BedState("A1", Kind.REGULAR, PlaceStatus.OCCUPIED),
                                new Payload.BedState("A2", Kind.REGULAR, PlaceStatus.FREE),
                                new Payload.BedState("T5", Kind.CRISIS, PlaceStatus.OUT_OF_SERVICE),
                                new Payload.BedState("A3", Kind.REGULAR, PlaceStatus.FREE, false)),
                        List.of(new Payload.CountState(Kind.NOOD, 4, false, 0), new Payload.CountState(Kind.FAMILY, 2, true, 1),
                                new Payload.CountState(Kind.NOOD, 4, true, 1, AT.plusSeconds(43_200)))),
                new Payload.Birth("0.1.0", 3600, List.of(), List.of()),
                // After a resend the node's journal could not serve (docs/DESIGN.md §3).
                new Payload.Birth("0.1.0", 30, List.of(new Payload.BedState("A1", Kind.REGULAR, PlaceStatus.FREE)), List.of(),
                        new Payload.Lost(120, 287)),
                new Payload.CheckIn("A2", Kind.REGULAR, TOKEN, "0307", HOLD),
                new Payload.CheckIn("A2", null, TOKEN, null, null),
                new Payload.CheckIn(null, Kind.NOOD, TOKEN, "passant", null),
                new Payload.CheckOut("A2", Kind.REGULAR, TOKEN, "other_shelter"),
                new Payload.CheckOut(null, Kind.NOOD, TOKEN, null),
                new Payload.CheckOut("A3", Kind.REGULAR, TOKEN, null, true),
                new Payload.Count(Kind.NOOD, 2),
                new Payload.BedStatus("A2", PlaceStatus.CLEANING),
                new Payload.BedStatus("A2", PlaceStatus.OUT_OF_SERVICE),
                new Payload.Capacity(Kind.NOOD, 4, true, "winterregeling"),
                new Payload.Capacity(Kind.OPSTART, 0, false, null),
                new Payload.Capacity(Kind.NOOD, 4, true, "open_nood", AT.plusSeconds(43_200), List.of()),
                new Payload.Capacity(Kind.REGULAR, 20, true, "set_capacity", null, List.of("S21", "S22")),
                new Payload.TurnAway("full", Kind.REGULAR),
                new Payload.TurnAway(TurnAwayReason.REGIONAL_BINDING, null),
                new Payload.HoldAccepted(HOLD, "C3", "Bel bij aankomst 033-0000000.\nWe halen haar op bij het station."),
                new Payload.HoldAccepted(HOLD, null, "Bel bij aankomst."),
                new Payload.HoldRefused(HOLD, "Risico te hoog op deze locatie."),
                new Payload.PrivacyRequest("access", TOKEN, HOLD),
                new Payload.PrivacyRequest("erasure", TOKEN, UUID.nameUUIDFromBytes("erasure".getBytes())),
                new Payload.Heartbeat());
    }

    static NodeMessage message(long seq, Payload payload) {
        return new NodeMessage(new Envelope(Envelope.VERSION, UUID.nameUUIDFromBytes(("message " + seq).getBytes()), "amg", "amg-1",
                SESSION, seq, AT.plusSeconds(seq)), payload);
    }

    static List<NodeMessage> nodeMessages() {
        List<NodeMessage> messages = new ArrayList<>();
        for (Payload payload : payloads()) {
            messages.add(message(messages.size() + 1, payload));
        }
        return messages;
    }

    static List<Command> commands() {
        return List.of(
                Command.of(new Command.Resend(SESSION, 4)),
                Command.of(new Command.Rebirth()),
                Command.of(new Command.Hold(HOLD, Kind.CRISIS, null, AT.plusSeconds(7200), "Veilig Thuis")),
                Command.of(new Command.Hold(HOLD, Kind.REGULAR, "A2", AT.plusMillis(7_200_123), "CT")),
                Command.of(new Command.Hold(HOLD, Kind.CRISIS, "C1", AT.plusSeconds(7200), "de vrouwenopvang", true)),
                Command.of(new Command.ReleaseHold(HOLD)),
                Command.of(new Command.OpenNood(AT.plusSeconds(86_400))),
                Command.of(new Command.OpenNood(AT.plusSeconds(86_400), 2)),
                Command.of(new Command.SetCapacity(Kind.REGULAR, 20)),
                Command.of(new Command.CloseNood()),
                Command.of(new Command.Config(60)),
                Command.of(new Command.Message("Vannacht geldt de winterregeling.")));
    }

    static List<Ack> acks() {
        return List.of(
                Ack.of(SESSION, 3, List.of()),
                Ack.of(SESSION, 3, List.of(new Ack.Rejection(2, "bed A2 is not this node's"), new Ack.Rejection(3, "unknown kind"))),
                Ack.of(SESSION, 4, List.of(new Ack.Rejection(4, UUID.fromString("0a9d3c1e-5b7f-4e2a-9c8d-1f2e3d4c5b6a"),
                        "another event with this seq is already stored: two nodes with one identity?"))));
    }

    static List<NodeStatus> nodeStatuses() {
        return List.of(NodeStatus.online(SESSION, 7), NodeStatus.offline(SESSION, 0));
    }

    static List<HubStatus> hubStatuses() {
        return List.of(HubStatus.online(AT), HubStatus.offline(AT.plusNanos(123_456_789)));
    }
}
