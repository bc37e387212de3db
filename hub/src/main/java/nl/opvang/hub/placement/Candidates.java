package nl.opvang.hub.placement;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import nl.opvang.hub.availability.AvailabilityProjection;
import nl.opvang.hub.availability.Freshness;
import nl.opvang.hub.availability.KindAvailability;
import nl.opvang.hub.availability.LocationAvailability;
import nl.opvang.hub.http.Words;
import nl.opvang.hub.location.Location;
import nl.opvang.hub.location.NodeSpec;
import nl.opvang.hub.location.Registry;
import nl.opvang.protocol.Kind;

/**
 * Where a request may be placed: only live locations (docs/DESIGN.md §3: stale and offline figures are never free
 * places), and for "any place in the region" the live locations by most free places of the kind. Whether a place is
 * really still free is decided by {@link #fits} inside the creating transaction.
 */
final class Candidates {
    private final Registry registry;
    private final AvailabilityProjection projection;

    Candidates(Registry registry, AvailabilityProjection projection) {
        this.registry = registry;
        this.projection = projection;
    }

    List<Location> of(HoldRequest request) {
        if (request.site() != null) {
            Location location = registry.location(request.site())
                    .orElseThrow(() -> HoldProblem.notFound("Onbekende locatie"));
            if (location.nodes().stream().noneMatch(node -> node.places().stream().anyMatch(
                    place -> place.kind() == request.kind() && (request.bed() == null || place.key().equals(request.bed()))))) {
                throw HoldProblem.badRequest("Deze locatie heeft geen " + Words.kind(request.kind())
                        + (request.bed() == null ? "" : " met deze bedcode"));
            }
            LocationAvailability current = projection.snapshot().locations().get(location.code());
            if (current == null || current.freshness() != Freshness.LIVE) {
                throw HoldProblem.conflict("Geen live contact met deze locatie; bel de locatie");
            }
            return List.of(location);
        }
        // "Any place of this kind in the region": the live location with most free places of the kind
        // (docs/DESIGN.md §4).
        List<LocationAvailability> live = new ArrayList<>();
        for (LocationAvailability location : projection.snapshot().locations().values()) {
            if (location.region().equals(registry.regionCode()) && location.freshness() == Freshness.LIVE
                    && free(location, request.kind()) > 0) {
                live.add(location);
            }
        }
        live.sort(Comparator.comparingInt((LocationAvailability location) -> free(location, request.kind())).reversed()
                .thenComparing(LocationAvailability::code));
        return live.stream().map(location -> registry.location(location.code()).orElseThrow()).toList();
    }

    private static int free(LocationAvailability location, Kind kind) {
        return location.kinds().stream().filter(each -> each.kind() == kind).mapToInt(KindAvailability::free).sum();
    }

    static boolean fits(Connection c, NodeSpec node, HoldRequest request) throws SQLException {
        boolean hasPlace = node.places().stream().anyMatch(place -> place.kind() == request.kind()
                && (request.bed() == null || place.key().equals(request.bed()) && !place.counted()));
        if (!hasPlace || HoldStore.room(c, node.code(), request.kind()) < 1) {
            return false;
        }
        if (request.bed() == null) {
            return true;
        }
        return "free".equals(HoldStore.bedStatus(c, node.code(), request.bed()).orElse(null))
                && HoldStore.active(c).stream().noneMatch(hold -> hold.node().equals(node.code())
                && request.bed().equals(hold.heldBed()));
    }
}
