package nl.opvang.hub.availability;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import nl.opvang.hub.location.Location;
import nl.opvang.hub.location.NodeSpec;
import nl.opvang.hub.location.Presence;
import nl.opvang.hub.location.Registry;
import nl.opvang.hub.store.Database;
import nl.opvang.protocol.Kind;

/**
 * Live availability, in memory (docs/DESIGN.md §8: the query answers from here, not from SQL). Loaded at start from the
 * persisted {@code place} and {@code node} tables, so a restart does not replay history; updated after each commit
 * with the states the commit wrote. Reads are lock-free on an immutable snapshot.
 */
public final class AvailabilityProjection {
    private final Registry registry;
    private final Clock clock;
    private final Presence presence;
    private final Map<String, Map<String, PlaceState>> places = new HashMap<>();
    private final Map<String, NodeState> nodes = new HashMap<>();
    private Map<String, HeldPlaces> held = Map.of();
    private final List<Consumer<Change>> listeners = new CopyOnWriteArrayList<>();
    private volatile Snapshot snapshot;

    /** Most live free places first, then by name: the order a placer reads in. */
    private static final Comparator<LocationAvailability> WHAT_IS_FREE =
            Comparator.comparingInt(LocationAvailability::free).reversed().thenComparing(LocationAvailability::name);

    /** A changed location and the stream position it was published at; {@code location} null: it left (retired). */
    public record Change(long version, LocationAvailability location) {
    }

    /** All locations at one version, and (computed once, on first use) in the order of {@link #query}. */
    public static final class Snapshot {
        private final long version;
        private final LocationTable locations;
        private volatile List<LocationAvailability> sorted;

        Snapshot(long version, LocationTable locations) {
            this.version = version;
            this.locations = locations;
        }

        public long version() {
            return version;
        }

        public Map<String, LocationAvailability> locations() {
            return locations;
        }

        /** Most free first, then by name. Sorted once per snapshot, so repeated queries between changes cost no sort. */
        public List<LocationAvailability> sorted() {
            List<LocationAvailability> result = sorted;
            if (result == null) {
                List<LocationAvailability> list = new ArrayList<>(locations.values());
                list.sort(WHAT_IS_FREE);
                result = List.copyOf(list);
                sorted = result;
            }
            return result;
        }
    }

    public AvailabilityProjection(Registry registry, Clock clock) {
        this(registry, clock, Presence.ALWAYS);
    }

    /** With the locations' dates: one not yet opened or already retired is absent (docs/DESIGN.md §4). */
    public AvailabilityProjection(Registry registry, Clock clock, Presence presence) {
        this.registry = registry;
        this.clock = clock;
        this.presence = presence;
        this.snapshot = new Snapshot(0, LocationTable.of(registry.locations().stream().map(Location::code).toList()));
    }

    /** Reads the persisted projection: every place's and node's last known state. */
    public synchronized void load(Database database) {
        database.read(connection -> {
            ProjectionStore.places(connection).forEach(state ->
                    places.computeIfAbsent(state.node(), key -> new LinkedHashMap<>()).put(state.key(), state));
            ProjectionStore.nodes(connection).forEach(node -> nodes.put(node.code(), node));
            return null;
        });
        Map<String, LocationAvailability> all = new LinkedHashMap<>();
        long now = clock.millis();
        for (Location location : registry.locations()) {
            all.put(location.code(), compute(location, now));
        }
        snapshot = new Snapshot(snapshot.version() + 1, snapshot.locations.with(all));
    }

    public synchronized Optional<PlaceState> place(String node, String key) {
        return Optional.ofNullable(places.getOrDefault(node, Map.of()).get(key));
    }

    public synchronized Optional<NodeState> node(String code) {
        return Optional.ofNullable(nodes.get(code));
    }

    /** Every node's state, for the ingest's cursors at start. */
    public synchronized List<NodeState> nodes() {
        return List.copyOf(nodes.values());
    }

    /** Takes the states a commit wrote and publishes the changed locations. Call only after the commit. */
    public void apply(Collection<NodeState> changedNodes, Collection<PlaceState> changedPlaces) {
        List<Change> changes;
        synchronized (this) {
            for (NodeState node : changedNodes) {
                nodes.put(node.code(), node);
            }
            for (PlaceState place : changedPlaces) {
                places.computeIfAbsent(place.node(), key -> new LinkedHashMap<>()).put(place.key(), place);
            }
            Set<String> sites = new HashSet<>();
            changedNodes.forEach(node -> sites.add(node.site()));
            changedPlaces.forEach(place -> registry.node(place.node()).ifPresent(node -> sites.add(node.site())));
            changes = recompute(sites, false);
        }
        notify(changes);
    }

    /**
     * Replaces what the hub's active holds keep, per node, and publishes the locations whose figures changed. Call
     * after the commit that changed the holds.
     */
    public void held(Map<String, HeldPlaces> byNode) {
        List<Change> changes;
        synchronized (this) {
            held = Map.copyOf(byNode);
            Set<String> sites = registry.locations().stream().map(Location::code).collect(Collectors.toSet());
            changes = recompute(sites, true);
        }
        notify(changes);
    }

    /** The registry changed a location (an admin edited whom its places are for): publishes it again. */
    public void locationChanged(String site) {
        List<Change> changes;
        synchronized (this) {
            changes = recompute(Set.of(site), true);
        }
        notify(changes);
    }

    /**
     * Re-evaluates freshness on the clock; a location turning stale or offline is published like any change. Only
     * freshness changes with time alone, so only the locations whose freshness differs from the snapshot's are
     * recomputed: this runs every second under the lock the ingest needs, and recomputing all 2,000 locations there
     * held each commit's projection update up for milliseconds (docs/PERFORMANCE.md).
     */
    public void refreshFreshness() {
        List<Change> changes;
        synchronized (this) {
            long now = clock.millis();
            Set<String> sites = new HashSet<>();
            for (Location location : registry.locations()) {
                LocationAvailability shown = snapshot.locations().get(location.code());
                boolean present = presence.present(location.code(), Instant.ofEpochMilli(now));
                if (present != (shown != null) || present && shown.freshness() != freshness(location, now)) {
                    sites.add(location.code());
                }
            }
            changes = recompute(sites, true);
        }
        notify(changes);
    }

    /** The worst freshness of the location's nodes; a node never heard from is offline. */
    private Freshness freshness(Location location, long now) {
        Freshness freshness = Freshness.LIVE;
        for (NodeSpec spec : location.nodes()) {
            NodeState node = nodes.get(spec.code());
            freshness = freshness.worse(node == null ? Freshness.OFFLINE : node.freshness(now));
        }
        return freshness;
    }

    private List<Change> recompute(Set<String> sites, boolean onlyWhenDifferent) {
        long now = clock.millis();
        Map<String, LocationAvailability> next = null;
        long version = snapshot.version();
        List<Change> changes = new ArrayList<>();
        for (String site : sites) {
            Optional<Location> location = registry.location(site);
            if (location.isEmpty()) {
                continue;
            }
            LocationAvailability fresh = compute(location.get(), now);
            LocationAvailability old = snapshot.locations().get(site);
            if ((onlyWhenDifferent || fresh == null) && Objects.equals(fresh, old)) {
                continue;
            }
            version++;
            if (next == null) {
                // One array copy per commit, only when something changed (docs/PERFORMANCE.md: a hash map copy here
                // showed in profiles).
                next = new LinkedHashMap<>();
            }
            next.put(site, fresh);
            changes.add(new Change(version, fresh));
        }
        if (next != null) {
            snapshot = new Snapshot(version, snapshot.locations.with(next));
        }
        return changes;
    }

    /** The location's figures now, or {@code null} when it is not in service (not yet opened, retired). */
    private LocationAvailability compute(Location location, long now) {
        if (!presence.present(location.code(), Instant.ofEpochMilli(now))) {
            return null;
        }
        Map<Kind, KindTotals> totals = new EnumMap<>(Kind.class);
        Freshness freshness = freshness(location, now);
        Long oldestSeen = null;
        boolean neverSeen = false;
        for (NodeSpec spec : location.nodes()) {
            NodeState node = nodes.get(spec.code());
            if (node != null && node.lastSeenMs() != null) {
                oldestSeen = oldestSeen == null ? node.lastSeenMs() : Math.min(oldestSeen, node.lastSeenMs());
            } else {
                neverSeen = true;
            }
            HeldPlaces nodeHeld = held.getOrDefault(spec.code(), HeldPlaces.NONE);
            for (PlaceState place : places.getOrDefault(spec.code(), Map.of()).values()) {
                // Statuses by precedence (docs/DESIGN.md §4): a bed the node reports occupied or out of service stays
                // so.
                boolean heldByHub = !place.counted() && place.holdable() && nodeHeld.beds().contains(place.key());
                totals.computeIfAbsent(place.kind(), KindTotals::new).add(place, heldByHub);
            }
            for (Map.Entry<Kind, Integer> kindHeld : nodeHeld.kinds().entrySet()) {
                KindTotals kind = totals.get(kindHeld.getKey());
                if (kind != null) {
                    kind.held(kindHeld.getValue());
                }
            }
        }
        List<KindAvailability> kinds = new ArrayList<>();
        for (KindTotals kind : totals.values()) {
            kinds.add(kind.availability(freshness == Freshness.LIVE));
        }
        Instant confirmed = oldestSeen == null || neverSeen ? null : Instant.ofEpochMilli(oldestSeen);
        return new LocationAvailability(location.code(), location.name(), location.municipality(), location.region(),
                location.phone(), location.secret(), kinds, confirmed, freshness, location.audience());
    }

    private void notify(List<Change> changes) {
        for (Change change : changes) {
            for (Consumer<Change> listener : listeners) {
                listener.accept(change);
            }
        }
    }

    /** The current snapshot: immutable, consistent, lock-free. */
    public Snapshot snapshot() {
        return snapshot;
    }

    /** Locations matching the filter, most free places first, then by name. Any filter may be {@code null}. */
    public List<LocationAvailability> query(String region, String municipality, Kind kind) {
        return AvailabilityQuery.of(snapshot.sorted(), region, municipality, kind, WHAT_IS_FREE);
    }

    /**
     * Registers a listener for changed locations. Listeners run on the ingest and clock threads and must not block:
     * hand the change to a queue of your own.
     */
    public Runnable subscribe(Consumer<Change> listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }
}
