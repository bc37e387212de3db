package nl.opvang.hub.capacity;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import nl.opvang.hub.location.Location;
import nl.opvang.hub.location.LocationDates;
import nl.opvang.hub.location.Membership;
import nl.opvang.hub.location.Region;
import nl.opvang.protocol.Kind;

/**
 * The body of {@code GET /api/v1/capacity-changes} (the capacity calendar, docs/DESIGN.md §4): what changes when, each
 * change's state and whether its nodes confirmed it; the locations' opening and retirement dates; and, for the CT
 * page's form, every location with its kinds and configured places.
 */
record CalendarView(Instant generatedAt, List<Entry> changes, List<Dated> dates, List<Site> sites) {

    /**
     * One change. {@code confirmed}: for an active change, whether every node reports its limit now; for an ended or
     * cancelled one, whether the nodes are back at the registry's; {@code null} for a planned one.
     */
    record Entry(long id, String site, String name, String kind, int capacity, int configured, Instant from, Instant until,
                 String reason, String createdBy, Instant createdAt, String state, Boolean confirmed, Integer reported,
                 String cancelledBy, Instant cancelledAt) {
    }

    /** A location with an opening or retirement date. */
    record Dated(String site, String name, Instant opens, Instant retired, String reason, boolean present) {
    }

    /** A location and the kinds a change can be planned for. */
    record Site(String code, String name, List<SiteKind> kinds) {
    }

    record SiteKind(String kind, int configured, boolean beds) {
    }

    /** The body of {@code GET /api/v1/region}: the region and its municipalities over time, with today's membership. */
    record RegionView(String code, String name, LocalDate today, List<Member> municipalities) {
        static RegionView of(Region region, Instant now) {
            LocalDate today = now.atZone(CapacityService.ZONE).toLocalDate();
            List<Member> members = new ArrayList<>();
            for (Membership each : region.memberships()) {
                members.add(new Member(each.municipality(), each.from(), each.until(), each.domains(),
                        each.covers("mo", today), each.covers("vo", today)));
            }
            return new RegionView(region.code(), region.name(), today, members);
        }
    }

    /** One membership: {@code mo}/{@code vo} say whether it makes the municipality a member today. */
    record Member(String name, LocalDate from, LocalDate until, List<String> domains, boolean mo, boolean vo) {
    }

    /** One change as the calendar shows it; empty when its location is no longer in the registry. */
    static Optional<Entry> entry(CapacityChange change, Instant now, CapacityLimits limits) {
        Optional<Location> location = limits.location(change.site());
        if (location.isEmpty()) {
            return Optional.empty();
        }
        CapacityChange.State state = change.state(now);
        Boolean confirmed = null;
        Integer reported = null;
        if (state == CapacityChange.State.ACTIVE) {
            confirmed = limits.confirmed(location.get(), change.kind(), change.capacity());
            reported = location.get().nodes().stream().mapToInt(node -> limits.reported(node, change.kind())).sum();
        } else if (state != CapacityChange.State.PLANNED) {
            confirmed = change.restoredAt() != null;
        }
        return Optional.of(new Entry(change.id(), change.site(), location.get().name(), change.kind().wire(),
                change.capacity(), CapacityLimits.configured(location.get(), change.kind()), change.from(), change.until(),
                change.reason(), change.createdBy(), change.createdAt(), state.wire(), confirmed, reported,
                change.cancelledBy(), change.cancelledAt()));
    }

    static CalendarView of(CapacityService service, List<Location> locations) {
        Instant now = service.now();
        CapacityLimits limits = service.limits();
        List<Entry> entries = new ArrayList<>();
        for (CapacityChange change : service.recent()) {
            entry(change, now, limits).ifPresent(entries::add);
        }
        List<Dated> dated = new ArrayList<>();
        List<Site> sites = new ArrayList<>();
        LocationDates dates = service.dates();
        for (Location location : locations) {
            dates.of(location.code()).filter(d -> d.opens() != null || d.retired() != null).ifPresent(d -> dated.add(
                    new Dated(location.code(), location.name(), d.opens(), d.retired(), d.reason(),
                            dates.present(location.code(), now))));
            List<SiteKind> kinds = new ArrayList<>();
            for (Kind kind : Kind.values()) {
                CapacityLimits.beds(location, kind).ifPresent(beds ->
                        kinds.add(new SiteKind(kind.wire(), CapacityLimits.configured(location, kind), beds)));
            }
            sites.add(new Site(location.code(), location.name(), kinds));
        }
        return new CalendarView(now, entries, dated, sites);
    }
}
