package nl.opvang.device.kiosk;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import nl.opvang.device.node.IncomingHold;
import nl.opvang.device.node.Node;
import nl.opvang.device.node.PlaceState;
import nl.opvang.device.node.Rejection;
import nl.opvang.hardware.ReaderStatus;
import nl.opvang.protocol.Destination;
import nl.opvang.protocol.HoldRefusal;
import nl.opvang.protocol.Kind;
import nl.opvang.protocol.Payload;
import nl.opvang.protocol.PlaceStatus;
import nl.opvang.protocol.TurnAwayReason;

/**
 * The page's view of the node as JSON. It carries bed codes, statuses, counts and hold ids, never a token or a pass
 * number. While locked it carries only what the lock screen shows: the connection, problems and waiting holds.
 */
final class StateView {
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm").withZone(ZoneId.of("Europe/Amsterdam"));
    private static final int REJECTIONS_SHOWN = 5;

    private final Node node;
    private final PassSlot passes;
    private final Clock clock;
    private final NoodView nood;

    StateView(Node node, PassSlot passes, Clock clock) {
        this.node = node;
        this.passes = passes;
        this.clock = clock;
        this.nood = new NoodView(node, clock);
    }

    void write(ObjectNode out, boolean unlocked) {
        boolean hub = node.hubConnected();
        ObjectNode connection = out.putObject("connection");
        connection.put("hub", hub);
        connection.put("broker", node.brokerConnected());
        connection.put("pending", node.pendingCount());
        connection.put("text", Dutch.connection(hub, node.pendingCount()));
        Optional<ReaderStatus> reader = passes.status();
        ObjectNode readerNode = out.putObject("reader");
        readerNode.put("ready", reader.map(status -> status == ReaderStatus.READY).orElse(false));
        readerNode.put("text", Dutch.reader(reader.orElse(null)));
        out.put("location", locationName());
        holds(out.putArray("holds"), unlocked);
        holdRefusals(out.putArray("holdRefusals"));
        nood.coldWeather(out);
        if (!unlocked) {
            return;
        }
        PlaceState state = node.state();
        beds(out.putArray("beds"), state);
        counts(out.putArray("counts"), state);
        nood.write(out);
        turnAwayReasons(out.putArray("turnAwayReasons"));
        destinations(out.putArray("destinations"));
        out.put("passRead", passes.hasPass());
        RegionView.write(out.putObject("region"), node.regionCounts().orElse(null), node.config().site(), hub,
                clock.instant());
        ArrayNode rejections = out.putArray("rejections");
        node.lastRejections().stream().limit(REJECTIONS_SHOWN).forEach(rejection -> rejection(rejections.addObject(), rejection));
        node.lastMessage().ifPresent(message -> out.put("message", message));
        // The location's own address stays on this screen: it is in no message to the hub (docs/DESIGN.md §5).
        if (node.config().address() != null) {
            out.put("address", node.config().address());
        }
    }

    /**
     * The location's own name from the node's config (local only: a secret location's kiosk may show its own name,
     * which the hub never sends), else as the hub's counts give it (kept on the node, so also while the hub is
     * unreachable), else its code (issue 15 items 6 and the secret location's title).
     */
    private String locationName() {
        String site = node.config().site();
        if (node.config().name() != null) {
            return node.config().name();
        }
        return node.regionCounts().flatMap(counts -> counts.locations().stream()
                .filter(location -> location.code().equals(site)).findFirst())
                .map(location -> location.name()).orElse("Locatie " + site);
    }

    /** The one vocabulary's reasons with their Dutch labels (protocol TurnAwayReason): the kiosk keeps no list of its own. */
    private static void turnAwayReasons(ArrayNode out) {
        for (TurnAwayReason reason : TurnAwayReason.values()) {
            out.addObject().put("reason", reason.wire()).put("text", reason.label());
        }
    }

    /** Why a request is refused, from the one vocabulary (protocol HoldRefusal): the label is the reason sent. */
    private static void holdRefusals(ArrayNode out) {
        for (HoldRefusal refusal : HoldRefusal.values()) {
            out.addObject().put("reason", refusal.label()).put("text", refusal.label());
        }
    }

    /** The one vocabulary's destinations with their Dutch labels (protocol Destination), for the check-out dialog. */
    private static void destinations(ArrayNode out) {
        for (Destination destination : Destination.values()) {
            out.addObject().put("destination", destination.wire()).put("text", destination.label());
        }
    }

    private static void beds(ArrayNode out, PlaceState state) {
        for (Payload.BedState bed : state.beds()) {
            ObjectNode item = out.addObject();
            item.put("bed", bed.bed());
            item.put("kind", bed.kind().wire());
            item.put("kindText", Dutch.kind(bed.kind()));
            item.put("status", bed.status().wire());
            item.put("open", bed.open());
            // A bed closed by a capacity limit shows "gesloten" until it is open again (issue 13).
            item.put("statusText", bed.open() ? Dutch.status(bed.status()) : Dutch.word("status.closed"));
        }
    }

    /** Free places per kind, beds and count-only places together; closed count-only places count as none. */
    private static void counts(ArrayNode out, PlaceState state) {
        Map<Kind, Integer> free = new EnumMap<>(Kind.class);
        for (Payload.BedState bed : state.beds()) {
            free.merge(bed.kind(), bed.open() && bed.status() == PlaceStatus.FREE ? 1 : 0, Integer::sum);
        }
        for (Payload.CountState count : state.counts()) {
            free.merge(count.kind(), count.open() ? Math.max(0, count.capacity() - count.occupied()) : 0, Integer::sum);
        }
        free.forEach((kind, number) -> {
            ObjectNode item = out.addObject();
            item.put("kind", kind.wire());
            item.put("label", Dutch.countLabel(kind));
            item.put("free", number);
        });
    }

    /**
     * Requests to answer, accepted holds waiting for their guest, and expected arrivals (accepted at the hub: checked
     * in, never answered here). While locked: requests and expected arrivals only.
     */
    private void holds(ArrayNode out, boolean unlocked) {
        for (IncomingHold hold : node.incomingHolds()) {
            long left = Duration.between(clock.instant(), hold.expiresAt()).toSeconds();
            if (left <= 0 || hold.accepted() && !hold.expected() && !unlocked) {
                continue;
            }
            ObjectNode item = out.addObject();
            item.put("id", hold.hold().toString());
            item.put("kind", hold.kind().wire());
            item.put("kindText", Dutch.kind(hold.kind()));
            item.put("from", hold.requestedBy());
            item.put("secondsLeft", left);
            item.put("accepted", hold.accepted());
            item.put("expected", hold.expected());
            item.put("until", CLOCK.format(hold.expiresAt()));
            if (hold.bed() != null) {
                item.put("bed", hold.bed());
            }
        }
    }

    private static void rejection(ObjectNode out, Rejection rejection) {
        out.put("seq", rejection.seq());
        out.put("type", rejection.type());
        out.put("text", "Niet verwerkt door de centrale: " + rejection.reason());
        out.put("at", CLOCK.format(rejection.received()));
    }
}
