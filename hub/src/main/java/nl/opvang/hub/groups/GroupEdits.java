package nl.opvang.hub.groups;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import nl.opvang.hub.audit.AuditLog;
import nl.opvang.hub.availability.AvailabilityProjection;
import nl.opvang.hub.http.BadRequest;
import nl.opvang.hub.http.NotFound;
import nl.opvang.hub.http.Principal;
import nl.opvang.hub.location.Audience;
import nl.opvang.hub.location.Location;
import nl.opvang.hub.location.NodeSpec;
import nl.opvang.hub.location.PlaceSpec;
import nl.opvang.hub.location.Registry;
import nl.opvang.hub.location.TargetGroup;
import nl.opvang.hub.store.Database;
import nl.opvang.protocol.Kind;

/**
 * An admin edits whom a location's places are for (issue 14 item 1, docs/DESIGN.md §4): its target groups and a kind's
 * own groups, from the closed list only. The change and its audit entry commit together; then the registry holds the new
 * audience and the projection publishes the location again, so every availability view shows it at once. The edit
 * outlives restarts (the region file no longer replaces it, V65). The domain stays the region file's.
 */
public final class GroupEdits {
    private final Database database;
    private final Registry registry;
    private final AvailabilityProjection projection;
    private final AuditLog audit;
    private final Clock clock;

    public GroupEdits(Database database, Registry registry, AvailabilityProjection projection, AuditLog audit,
                      Clock clock) {
        this.database = database;
        this.registry = registry;
        this.projection = projection;
        this.audit = audit;
        this.clock = clock;
    }

    /** A location as the admin page lists it: its kinds, domain, groups, a kind's own groups, when last edited here. */
    record View(String code, String name, List<String> kinds, String domain, List<String> groups,
                Map<String, List<String>> groupsByKind, Instant editedAt) {
    }

    /** The body of {@code PUT /api/v1/locations/{code}/groups}. */
    record Edit(List<String> groups, Map<String, List<String>> groupsByKind) {
    }

    List<View> list() {
        Map<String, Long> edited = Registry.groupsEdited(database);
        return registry.locations().stream().map(location -> view(location, edited.get(location.code()))).toList();
    }

    /** Replaces the location's groups; an unknown group, a group twice or a kind the location has not is a Dutch 400. */
    View edit(Principal admin, String code, Edit edit) {
        Location location = registry.location(code).orElseThrow(() -> new NotFound("Deze locatie bestaat niet"));
        List<TargetGroup> groups = groups(edit.groups() == null ? List.of() : edit.groups(), "de locatie");
        Map<Kind, List<TargetGroup>> byKind = new EnumMap<>(Kind.class);
        List<Kind> kinds = kinds(location);
        (edit.groupsByKind() == null ? Map.<String, List<String>>of() : edit.groupsByKind()).forEach((wire, names) -> {
            Kind kind = kinds.stream().filter(each -> each.wire().equals(wire)).findFirst().orElseThrow(() ->
                    new BadRequest("Locatie " + location.name() + " heeft geen plekken van soort '" + wire + "'"));
            byKind.put(kind, groups(names == null ? List.of() : names, "soort " + wire));
        });
        Audience audience = new Audience(location.audience().domain(), groups, byKind);
        long now = clock.millis();
        database.transaction(c -> {
            Registry.writeGroups(c, code, audience, now);
            audit.append(c, admin.username(), "location.groups", "location:" + code, detail(audience));
            return null;
        });
        registry.edited(code, audience);
        projection.locationChanged(code);
        return view(registry.location(code).orElseThrow(), now);
    }

    private static List<TargetGroup> groups(List<String> names, String of) {
        Set<TargetGroup> seen = new HashSet<>();
        List<TargetGroup> groups = new ArrayList<>();
        for (String name : names) {
            TargetGroup group = TargetGroup.fromWire(name).orElseThrow(() -> new BadRequest("Onbekende doelgroep '"
                    + name + "' bij " + of + ": kies uit " + TargetGroup.wireNames()));
            if (!seen.add(group)) {
                throw new BadRequest("Doelgroep '" + name + "' staat twee keer bij " + of);
            }
            groups.add(group);
        }
        return groups;
    }

    /** Audit detail: the closed list's words only, never free text. */
    private static String detail(Audience audience) {
        return "groups=" + wire(audience.groups()) + audience.byKind().entrySet().stream()
                .map(entry -> " " + entry.getKey().wire() + "=" + wire(entry.getValue())).collect(Collectors.joining());
    }

    private static String wire(List<TargetGroup> groups) {
        return groups.stream().map(TargetGroup::wire).collect(Collectors.joining(","));
    }

    private static View view(Location location, Long editedMs) {
        Audience audience = location.audience();
        Map<String, List<String>> byKind = new java.util.LinkedHashMap<>();
        audience.byKind().forEach((kind, groups) -> byKind.put(kind.wire(), groups.stream().map(TargetGroup::wire)
                .toList()));
        return new View(location.code(), location.name(), kinds(location).stream().map(Kind::wire).toList(),
                audience.domain() == null ? null : audience.domain().wire(),
                audience.groups().stream().map(TargetGroup::wire).toList(), byKind,
                editedMs == null ? null : Instant.ofEpochMilli(editedMs));
    }

    private static List<Kind> kinds(Location location) {
        return location.nodes().stream().map(NodeSpec::places).flatMap(List::stream).map(PlaceSpec::kind).distinct()
                .toList();
    }
}
