package nl.opvang.hub.web;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import nl.opvang.hub.availability.AvailabilityProjection;
import nl.opvang.hub.availability.LocationAvailability;
import nl.opvang.hub.availability.Visibility;
import nl.opvang.hub.http.Access;
import nl.opvang.hub.http.NotFound;
import nl.opvang.hub.http.Principal;
import nl.opvang.hub.location.Location;
import nl.opvang.hub.location.Phone;
import nl.opvang.hub.location.NodeSpec;
import nl.opvang.hub.location.PlaceSpec;
import nl.opvang.hub.location.Registry;
import nl.opvang.protocol.Kind;

/**
 * {@code GET /api/v1/locations} and {@code /api/v1/locations/{code}}: the registry's view of the region. A secret
 * location has no address at the hub at all (docs/DESIGN.md §5), so none can appear here. A role that is not authorised
 * for a location ({@link Visibility}) sees it without its nodes, and a secret one without its name.
 */
final class LocationsEndpoint {
    private final Registry registry;
    private final AvailabilityProjection projection;
    private final Visibility visibility;

    LocationsEndpoint(Registry registry, AvailabilityProjection projection, Visibility visibility) {
        this.registry = registry;
        this.projection = projection;
        this.visibility = visibility;
    }

    /** The configured places of one kind; {@code countOnly} for places counted, not kept per bed (e.g. noodbedden). */
    record KindCapacity(String kind, int capacity, boolean countOnly) {
    }

    /** {@code phoneNumber} and {@code phoneNote}: {@code phone} taken apart, the number for a {@code tel:} link. */
    record LocationView(String code, String name, String provider, String municipality, String region, String phone,
                        boolean secret, List<KindCapacity> kinds, List<String> nodes) {
        @JsonProperty
        public String phoneNumber() {
            return Phone.dialled(phone);
        }

        @JsonProperty
        public String phoneNote() {
            return Phone.noteOf(phone);
        }
    }

    record LocationDetail(String code, String name, String provider, String municipality, String region, String phone,
                          boolean secret, List<KindCapacity> kinds, List<String> nodes,
                          AvailabilityAnswer.Entry availability) {
        @JsonProperty
        public String phoneNumber() {
            return Phone.dialled(phone);
        }

        @JsonProperty
        public String phoneNote() {
            return Phone.noteOf(phone);
        }
    }

    void list(Context ctx) {
        Principal principal = Access.principal(ctx);
        ctx.json(registry.locations().stream().map(location -> view(location, principal)).toList());
    }

    void one(Context ctx) {
        String code = ctx.pathParam("code");
        Location location = registry.location(code)
                .orElseThrow(() -> new NotFound("Onbekende locatie"));
        Principal principal = Access.principal(ctx);
        LocationView view = view(location, principal);
        LocationAvailability availability = projection.snapshot().locations().get(code);
        AvailabilityAnswer.Entry entry = availability == null ? null
                : visibility.of(principal, List.of(availability)).stream().map(AvailabilityAnswer.Entry::of).findFirst()
                .orElse(null);
        ctx.json(new LocationDetail(view.code(), view.name(), view.provider(), view.municipality(), view.region(),
                view.phone(), view.secret(), view.kinds(), view.nodes(), entry));
    }

    private LocationView view(Location location, Principal principal) {
        LocationView full = view(location);
        if (visibility.authorised(principal, location)) {
            return full;
        }
        return new LocationView(full.code(), full.secret() ? Visibility.SECRET_NAME : full.name(), full.provider(),
                full.municipality(), full.region(), full.phone(), full.secret(), full.kinds(), List.of());
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
