package nl.opvang.hub.coldweather;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import nl.opvang.hub.availability.AvailabilityProjection;
import nl.opvang.hub.availability.Freshness;
import nl.opvang.hub.availability.NodeState;
import nl.opvang.hub.availability.PlaceState;
import nl.opvang.hub.location.Location;
import nl.opvang.hub.location.NodeSpec;
import nl.opvang.hub.location.PlaceSpec;
import nl.opvang.hub.location.Registry;
import nl.opvang.hub.placement.CommandSender;
import nl.opvang.hub.store.Database;
import nl.opvang.protocol.Command;
import nl.opvang.protocol.Kind;

/**
 * Brings the nodes' noodbedden in line with cold-weather mode, level-triggered (docs/DESIGN.md §4): per node with
 * noodbedden it compares what the mode wants (open until the end time at the chosen locations; closed where the mode
 * opened them and it no longer covers them) with what the node last reported (the hub's {@code *nood} place), and sends
 * {@code open_nood} or {@code close_nood} until the node's own {@code capacity} event confirms. A command that got no
 * answer is sent again at most every {@value #RESEND_SECONDS} s, and at once when the node comes back (a new
 * connection, or live again). Nothing is closed under a guest: while the node reports its noodbedden occupied, the
 * close waits and CT sees "nog bezet"; the node refuses such a close too.
 */
final class NoodReconciler {
    static final int RESEND_SECONDS = 10;
    private static final String CLOSE = "close";
    private static final String NOOD = PlaceSpec.countKey(Kind.NOOD);

    private final Database database;
    private final Registry registry;
    private final AvailabilityProjection projection;
    private final CommandSender sender;
    private final Clock clock;
    /** What was last sent to each node, for pacing; a restart forgets it and sends once more, which is harmless. */
    private final Map<String, Sent> sent = new HashMap<>();
    /** Nodes found not yet as the mode wants them in the last pass (a gauge). */
    private volatile int waiting;

    /** The last send of a desire to a node: when (monotonic, for pacing) and since when (hub clock) it is wanted. */
    private record Sent(String desire, long nanos, String link, long sinceMs) {
    }

    /** What the hub wants of one node: {@code open}, or closed (the mode opened it, or a desk asked), or nothing. */
    enum Want { OPEN, CLOSE, NONE }

    /** What is wanted, until when (open), and the cold-weather period that wants it ({@code null}: a desk's request). */
    private record Desire(Want want, Instant until, Period period) {
        static final Desire NONE = new Desire(Want.NONE, null, null);
    }

    /** One node with noodbedden as CT sees it: what the mode wants, what the node reports, and what that means. */
    record NodeStatus(String site, String name, String node, int capacity, String desired, boolean open, int occupied,
                      Instant openUntil, String freshness, String status, String text) {
    }

    NoodReconciler(Database database, Registry registry, AvailabilityProjection projection, CommandSender sender,
                   Clock clock) {
        this.database = database;
        this.registry = registry;
        this.projection = projection;
        this.sender = sender;
        this.clock = clock;
    }

    /** One pass over the nodes with noodbedden; sends what is due. Called by the ticker and after every switch. */
    synchronized void reconcile(Optional<Period> active) {
        Map<String, Long> opened = openedNodes();
        Map<String, NoodRequestStore.Request> desk = deskRequests();
        long now = System.nanoTime();
        int notYet = 0;
        for (Location location : registry.locations()) {
            for (NodeSpec node : location.nodes()) {
                if (ColdWeather.noodPlace(node).isPresent()
                        && !reconcile(node, want(location, node, active, opened, desk), opened, now)) {
                    notYet++;
                }
            }
        }
        waiting = notYet;
    }

    /** Brings one node in line; true when it already is. */
    private boolean reconcile(NodeSpec node, Desire desire, Map<String, Long> opened, long now) {
        Optional<PlaceState> reported = projection.place(node.code(), NOOD);
        boolean open = reported.map(PlaceState::open).orElse(false);
        Want want = desire.want();
        if (want == Want.NONE) {
            sent.remove(node.code());
            return true;
        }
        if (want == Want.CLOSE) {
            Sent close = sent.get(node.code());
            if (!open && close != null && close.desire().equals(CLOSE)
                    && reported.map(PlaceState::confirmedMs).orElse(0L) >= close.sinceMs()) {
                // Closed as reported after the close was sent: an open_nood still on its way can no longer outrun it.
                release(node);
                return true;
            }
            if (!open || reported.get().occupied() == 0) {
                send(node, CLOSE, Command.of(new Command.CloseNood()), now, null);
            }
            return false;
        }
        if (confirmedOpen(reported, desire.until(), byThisPeriod(desire, node, opened))) {
            return true;
        }
        send(node, "open " + desire.until(), Command.of(new Command.OpenNood(desire.until())), now, desire.period());
        return false;
    }

    int waiting() {
        return waiting;
    }

    /**
     * Open until the end time. A node that reports no end time (older software) counts as open; one that the mode did
     * not open and that is open longer anyway (its staff opened it) is left as it is.
     */
    static boolean confirmedOpen(Optional<PlaceState> reported, Instant until, boolean openedByThisPeriod) {
        if (reported.isEmpty() || !reported.get().open()) {
            return false;
        }
        Instant reportedUntil = reportedUntil(reported.get());
        return reportedUntil == null || reportedUntil.equals(until)
                || !openedByThisPeriod && reportedUntil.isAfter(until);
    }

    private void send(NodeSpec node, String desire, Command command, long now, Period period) {
        String link = link(node.code());
        Sent last = sent.get(node.code());
        boolean due = last == null || !last.desire().equals(desire) || !last.link().equals(link)
                || now - last.nanos() >= TimeUnit.SECONDS.toNanos(RESEND_SECONDS);
        if (!due || !sender.send(node.site(), node.code(), command)) {
            return;
        }
        long at = clock.millis();
        sent.put(node.code(), new Sent(desire, now, link,
                last != null && last.desire().equals(desire) ? last.sinceMs() : at));
        if (period != null) {
            database.transaction(connection -> {
                ColdWeatherStore.opened(connection, period.id(), node.code(), at);
                return null;
            });
        }
    }

    /** The node reported closed after a close: the mode's claim on it ends, and a desk's close is done. */
    private void release(NodeSpec node) {
        sent.remove(node.code());
        long at = clock.millis();
        database.transaction(connection -> {
            ColdWeatherStore.released(connection, node.code(), at);
            NoodRequestStore.closed(connection, node.site());
            return null;
        });
    }

    private static boolean byThisPeriod(Desire desire, NodeSpec node, Map<String, Long> opened) {
        return desire.period() != null && Long.valueOf(desire.period().id()).equals(opened.get(node.code()));
    }

    /** How the node is connected: a change (reconnect, new session, live again) makes a command due at once. */
    private String link(String node) {
        Optional<NodeState> state = projection.node(node);
        return state.map(each -> each.session() + "/" + each.connection() + "/"
                + (each.freshness(clock.millis()) == Freshness.LIVE)).orElse("unknown");
    }

    /**
     * The mode first (while it covers a location, that is the region's decision), then a desk's standing request (open
     * until its end time, or closed), then closing what the mode opened.
     */
    private Desire want(Location location, NodeSpec node, Optional<Period> active, Map<String, Long> opened,
                        Map<String, NoodRequestStore.Request> desk) {
        if (active.isPresent() && active.get().sites().contains(location.code())) {
            return new Desire(Want.OPEN, active.get().until(), active.get());
        }
        NoodRequestStore.Request request = desk.get(location.code());
        if (request != null && !request.open()) {
            return new Desire(Want.CLOSE, null, null);
        }
        if (request != null && request.until().isAfter(clock.instant())) {
            return new Desire(Want.OPEN, request.until(), null);
        }
        return opened.containsKey(node.code()) ? new Desire(Want.CLOSE, null, null) : Desire.NONE;
    }

    /** Location → the desk's standing request for its noodbedden. */
    private Map<String, NoodRequestStore.Request> deskRequests() {
        return database.read(NoodRequestStore::all).stream().collect(Collectors.toMap(NoodRequestStore.Request::site,
                request -> request));
    }

    /** Node → the period that opened it, for nodes whose close the mode still answers for. */
    private Map<String, Long> openedNodes() {
        return database.read(ColdWeatherStore::openedNodes).stream().collect(Collectors.toMap(
                ColdWeatherStore.OpenedNode::node, ColdWeatherStore.OpenedNode::period, Math::max));
    }

    /** Every node with noodbedden, with what the mode wants and what it reports (docs/DESIGN.md §4). */
    List<NodeStatus> statuses(Optional<Period> active, long nowMs) {
        Map<String, Long> opened = openedNodes();
        Map<String, NoodRequestStore.Request> desk = deskRequests();
        List<NodeStatus> result = new ArrayList<>();
        for (Location location : registry.locations()) {
            for (NodeSpec node : location.nodes()) {
                Optional<PlaceSpec> spec = ColdWeather.noodPlace(node);
                if (spec.isEmpty() || spec.get().capacity() == 0) {
                    continue;
                }
                result.add(status(location, node, spec.get(), want(location, node, active, opened, desk), opened, nowMs));
            }
        }
        result.sort(Comparator.comparing(NodeStatus::site).thenComparing(NodeStatus::node));
        return result;
    }

    private NodeStatus status(Location location, NodeSpec node, PlaceSpec spec, Desire desire,
                              Map<String, Long> opened, long nowMs) {
        Want want = desire.want();
        Optional<PlaceState> reported = projection.place(node.code(), NOOD);
        boolean open = reported.map(PlaceState::open).orElse(false);
        int occupied = reported.filter(PlaceState::open).map(PlaceState::occupied).orElse(0);
        Freshness freshness = projection.node(node.code()).map(state -> state.freshness(nowMs)).orElse(Freshness.OFFLINE);
        String status;
        String text;
        if (want == Want.OPEN) {
            boolean confirmed = confirmedOpen(reported, desire.until(), byThisPeriod(desire, node, opened));
            status = confirmed ? "confirmed" : "waiting";
            text = confirmed ? "Open, bevestigd" : waiting(freshness, "gaat open");
        } else if (want == Want.CLOSE) {
            status = occupied > 0 ? "occupied" : "waiting";
            text = occupied > 0 ? "Nog bezet: " + occupied + " — sluit zodra leeg" : waiting(freshness, "gaat dicht");
        } else {
            status = open ? "open" : "closed";
            text = open ? "Open (niet door de regeling)" : "Gesloten";
        }
        Instant until = reported.map(NoodReconciler::reportedUntil).orElse(null);
        return new NodeStatus(location.code(), location.name(), node.code(), spec.capacity(),
                want == Want.NONE ? null : want.name().toLowerCase(Locale.ROOT), open, occupied, until,
                freshness.wire(), status, text);
    }

    private static String waiting(Freshness freshness, String what) {
        return freshness == Freshness.LIVE ? "Wacht op de locatie (" + what + ")"
                : "Wacht op de locatie (" + what + " zodra er weer contact is)";
    }

    /** The end time the node reported for its open noodbedden, if any. */
    static Instant reportedUntil(PlaceState place) {
        return place.open() && place.openUntilMs() != null ? Instant.ofEpochMilli(place.openUntilMs()) : null;
    }
}
