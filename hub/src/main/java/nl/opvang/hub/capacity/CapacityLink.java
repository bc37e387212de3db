package nl.opvang.hub.capacity;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import nl.opvang.hub.availability.AvailabilityProjection;
import nl.opvang.hub.availability.Freshness;
import nl.opvang.hub.location.Location;
import nl.opvang.hub.location.NodeSpec;
import nl.opvang.hub.placement.CommandSender;
import nl.opvang.hub.store.Database;
import nl.opvang.protocol.Command;
import nl.opvang.protocol.Kind;

/**
 * Brings the nodes to their limits, level-triggered (docs/DESIGN.md §4 "Capacity over time"): on every tick, for each
 * location and kind with an active change, or with an ended or cancelled one the node has not yet put back, the limit
 * (the active change's capacity, else the registry's) is compared with what each node reports; a node that differs
 * gets {@code set_capacity}, again at most every {@link #RESEND} until its {@code capacity} event confirms it, and at
 * once when it comes back online. A location and kind no change ever touched is left alone (cold-weather mode and the
 * node's own open/close stay theirs). When a node confirms the registry's limit after a change ended, the change is
 * marked restored and the hub stops watching it.
 */
public final class CapacityLink {
    static final Duration RESEND = Duration.ofSeconds(10);

    private final Database database;
    private final CapacityLimits limits;
    private final AvailabilityProjection projection;
    private final CommandSender sender;
    private final Clock clock;
    /** Per node and kind: the last limit sent, when, and whether the node was live then. */
    private final Map<String, Sent> sent = new HashMap<>();

    private record Sent(int capacity, Instant at, boolean live) {
    }

    public CapacityLink(Database database, CapacityService service, AvailabilityProjection projection,
                        CommandSender sender, Clock clock) {
        this.database = database;
        this.limits = service.limits();
        this.projection = projection;
        this.sender = sender;
        this.clock = clock;
    }

    /** One pass; call from one thread, on a timer. Returns the commands sent (for tests and logs). */
    public synchronized List<Command.SetCapacity> tick() {
        Instant now = clock.instant();
        // Per location and kind: the active change, if any, and the ended ones still to put back.
        Map<String, Optional<CapacityChange>> active = new LinkedHashMap<>();
        Map<String, List<CapacityChange>> ended = new LinkedHashMap<>();
        for (CapacityChange change : database.read(CapacityStore::unsettled)) {
            String key = change.site() + "\u0000" + change.kind().wire();
            if (change.activeAt(now)) {
                active.put(key, Optional.of(change));
            } else if (!now.isBefore(change.from())) {
                active.putIfAbsent(key, Optional.empty());
                ended.computeIfAbsent(key, k -> new ArrayList<>()).add(change);
            }
        }
        List<Command.SetCapacity> commands = new ArrayList<>();
        List<Long> restored = new ArrayList<>();
        for (Map.Entry<String, Optional<CapacityChange>> pair : active.entrySet()) {
            String[] parts = pair.getKey().split("\u0000");
            Optional<Location> location = limits.location(parts[0]);
            if (location.isEmpty()) {
                continue;
            }
            Kind kind = Kind.fromWire("kind", parts[1]);
            int limit = pair.getValue().map(CapacityChange::capacity)
                    .orElse(CapacityLimits.configured(location.get(), kind));
            boolean confirmed = true;
            for (Map.Entry<NodeSpec, Integer> share : CapacityLimits.split(location.get(), kind, limit).entrySet()) {
                if (limits.reported(share.getKey(), kind) != share.getValue()) {
                    confirmed = false;
                    send(location.get(), share.getKey(), kind, share.getValue(), now).ifPresent(commands::add);
                }
            }
            // Ended changes are settled once the node is back at the registry's limit, or a newer change took over.
            if (confirmed || pair.getValue().isPresent()) {
                ended.getOrDefault(pair.getKey(), List.of()).forEach(change -> restored.add(change.id()));
            }
        }
        if (!restored.isEmpty()) {
            database.transaction(c -> {
                for (long id : restored) {
                    CapacityStore.restored(c, id, now);
                }
                return null;
            });
        }
        return commands;
    }

    private Optional<Command.SetCapacity> send(Location location, NodeSpec node, Kind kind, int capacity, Instant now) {
        String key = node.code() + "\u0000" + kind.wire();
        boolean live = projection.node(node.code()).map(state -> state.freshness(now.toEpochMilli()) == Freshness.LIVE)
                .orElse(false);
        Sent last = sent.get(key);
        boolean due = last == null || last.capacity() != capacity || (live && !last.live())
                || !now.isBefore(last.at().plus(RESEND));
        if (!due) {
            return Optional.empty();
        }
        Command.SetCapacity command = new Command.SetCapacity(kind, capacity);
        if (sender.send(location.code(), node.code(), Command.of(command))) {
            sent.put(key, new Sent(capacity, now, live));
            return Optional.of(command);
        }
        return Optional.empty();
    }
}
