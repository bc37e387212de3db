package nl.opvang.hub.web;

import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import nl.opvang.hub.availability.AvailabilityProjection.Snapshot;
import nl.opvang.hub.availability.KindAvailability;
import nl.opvang.hub.availability.LocationAvailability;
import nl.opvang.hub.http.BadRequest;
import nl.opvang.hub.location.Audience;
import nl.opvang.hub.location.Domain;
import nl.opvang.hub.location.TargetGroup;
import nl.opvang.protocol.Kind;

/**
 * The filters of the availability answer and stream: {@code region}, {@code municipality}, {@code kind}, {@code group}
 * (a target group: only the kinds whose places are for it), {@code domain} and {@code children} (a household's
 * children, 0-20: above 0 only the kinds whose places take children, as Veilig Thuis searches, issue 14). An empty
 * value means "no filter" (a form's "alle" option); a malformed or unknown one is refused rather than silently matching
 * nothing.
 */
record AvailabilityFilter(String region, String municipality, Kind kind, TargetGroup group, Domain domain,
                          boolean children) {
    static final AvailabilityFilter NONE = new AvailabilityFilter(null, null, null, null, null, false);

    /** Letters (incl. accents), digits, spaces and the punctuation of Dutch place names; at most 64 characters. */
    private static final Pattern NAME = Pattern.compile("[\\p{L}\\p{N} .'()/-]{1,64}");

    static AvailabilityFilter from(Context ctx) {
        return new AvailabilityFilter(name(ctx, "region"), name(ctx, "municipality"), kind(ctx.queryParam("kind")),
                group(ctx.queryParam("group")), domain(ctx.queryParam("domain")), children(ctx.queryParam("children")));
    }

    private static boolean children(String value) {
        if (value == null || value.isEmpty()) {
            return false;
        }
        if (!value.matches("[0-9]{1,2}") || Integer.parseInt(value) > 20) {
            throw new BadRequest("Aantal kinderen moet een heel getal van 0 tot 20 zijn");
        }
        return Integer.parseInt(value) > 0;
    }

    private static TargetGroup group(String value) {
        if (value == null || value.isEmpty()) {
            return null;
        }
        return TargetGroup.fromWire(value).orElseThrow(() -> new BadRequest("Onbekende doelgroep voor group (kies "
                + TargetGroup.wireNames() + ")"));
    }

    private static Domain domain(String value) {
        if (value == null || value.isEmpty()) {
            return null;
        }
        return Domain.fromWire(value).orElseThrow(() -> new BadRequest("Onbekend domein voor domain (kies mo, vo of bw)"));
    }

    private static String name(Context ctx, String parameter) {
        String value = ctx.queryParam(parameter);
        if (value == null || value.isEmpty()) {
            return null;
        }
        if (!NAME.matcher(value).matches()) {
            throw new BadRequest("Ongeldige waarde voor " + parameter + ": gebruik letters, cijfers en spaties (hoogstens 64)");
        }
        return value;
    }

    private static Kind kind(String value) {
        if (value == null || value.isEmpty()) {
            return null;
        }
        for (Kind kind : Kind.values()) {
            if (kind.wire().equals(value)) {
                return kind;
            }
        }
        throw new BadRequest("Onbekende soort plek voor kind (kies regular, crisis, nood, opstart of family)");
    }

    /** Every location of the snapshot as this filter shows it. */
    List<LocationAvailability> applyAll(Snapshot snapshot) {
        List<LocationAvailability> matching = new ArrayList<>();
        for (LocationAvailability location : snapshot.locations().values()) {
            apply(location).ifPresent(matching::add);
        }
        return matching;
    }

    /** The location as this filter shows it (only the chosen kind), or empty when it does not match. */
    Optional<LocationAvailability> apply(LocationAvailability location) {
        if (region != null && !region.equals(location.region())) {
            return Optional.empty();
        }
        if (municipality != null && !municipality.equalsIgnoreCase(location.municipality())) {
            return Optional.empty();
        }
        Audience audience = location.audience();
        if (domain != null && audience.domain() != domain) {
            return Optional.empty();
        }
        if (kind == null && group == null && !children) {
            return Optional.of(location);
        }
        List<KindAvailability> only = location.kinds().stream()
                .filter(each -> (kind == null || each.kind() == kind)
                        && (group == null || audience.of(each.kind()).contains(group))
                        && (!children || audience.takesChildren(each.kind())))
                .toList();
        if (only.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(location.only(only));
    }
}
