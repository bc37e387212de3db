package nl.opvang.hub.web;

import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import nl.opvang.hub.availability.AvailabilityProjection;
import nl.opvang.hub.availability.LocationAvailability;
import nl.opvang.hub.location.Location;
import nl.opvang.hub.location.NodeSpec;
import nl.opvang.hub.location.PlaceSpec;
import nl.opvang.hub.location.Registry;
import nl.opvang.protocol.Kind;

/**
 * {@code GET /api/v1/locations} and {@code /api/v1/locations/{code}}: the registry's view of the region. A secret
 * location has no address at the hub at all (DESIGN §5), so none can appear here.
 */
final class LocationsEndpoint {
    private final Registry registry;
    private final AvailabilityProjection projection;

    LocationsEndpoint(Registry registry, AvailabilityProjection projection) {
        this.registry = registry;
        this.projection = projection;
    }

    /** The configured places of one kind; {@code countOnly} for places counted, not kept per bed (e.g. noodbedden). */
    record KindCapacity(String kind, int capacity, boolean countOnly) {
    }

    record LocationView(String code, String name, String provider, String municipality, String region, String phone,
                        boolean secret, List<KindCapacity> kinds, List<String> nodes) {
    }

    record LocationDetail(String code, String name, String provider, String municipality, String region, String phone,
                          boolean secret, List<KindCapacity> kinds, List<String> nodes,
                          AvailabilityAnswer.Entry availability) {
    }

    void list(Context ctx) {
        ctx.json(registry.locations().stream().map(LocationsEndpoint::view).toList());
    }

    void one(Context ctx) {
        String code = ctx.pathParam("code");
        Location location = registry.location(code)
                .orElseThrow(() -> new NotFound("Onbekende locatie"));
        LocationView view = view(location);
        LocationAvailability availability = projection.snapshot().locations().get(code);
        ctx.json(new LocationDetail(view.code(), view.name(), view.provider(), view.municipality(), view.region(),
                view.phone(), view.secret(), view.kinds(), view.nodes(),
                availability == null ? null : AvailabilityAnswer.Entry.of(availability)));
    }

    private static LocationView view(Location location) {
        Map<Kind, int[]> capacity = new EnumMap<>(Kind.class);
        Map<Kind, Boolean> countOnly = new EnumMap<>(Kind.class);
        List<String> nodes = new ArrayList<>();
        for (NodeSpec node : location.nodes()) {
            nodes.add(node.code());
            for (PlaceSpec place : node.places()) {
                capacity.computeIfAbsent(place.kind(), kind -> new int[1])[0] += place.capacity();
                countOnly.merge(place.kind(), place.counted(), Boolean::logicalAnd);
            }
        }
        List<KindCapacity> kinds = new ArrayList<>();
        capacity.forEach((kind, sum) -> kinds.add(new KindCapacity(kind.wire(), sum[0], countOnly.get(kind))));
        return new LocationView(location.code(), location.name(), location.provider(), location.municipality(),
                location.region(), location.phone(), location.secret(), kinds, nodes);
    }
}
