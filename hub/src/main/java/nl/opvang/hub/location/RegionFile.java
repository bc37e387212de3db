package nl.opvang.hub.location;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import nl.opvang.hub.json.Json;
import nl.opvang.protocol.Kind;

/**
 * Reads a region file (docs/DESIGN.md §7): YAML, checked against {@code region.schema.json} in the hub jar, then bound
 * to records and checked for what a schema cannot say (a code or bed twice, a range that goes down, a municipality not
 * of the region, a phone number, no address of a secret location). Every problem is one Dutch line naming the file,
 * the line and the field, so that a bad file stops the hub with one clear message.
 */
public final class RegionFile {
    /** The seed region shipped with the project. */
    public static final String SEED = "amersfoort.yaml";
    /** The demo's test location (site {@code test}, node {@code test-1}). */
    public static final String TEST_LOCATION = "test-location.yaml";
    /** Where the schema is in the hub jar. */
    public static final String SCHEMA = RegionSchema.RESOURCE;

    private static final Pattern RANGE = Pattern.compile("([A-Za-z]*)(\\d+)-([A-Za-z]*)(\\d+)");
    private static final int MAX_RANGE = 2000;

    private final String source;
    private final RegionSchema.Lines lines;
    private final Set<String> locationCodes = new HashSet<>();
    private final Set<String> nodeCodes = new HashSet<>();

    private RegionFile(String source, RegionSchema.Lines lines) {
        this.source = source;
        this.lines = lines;
    }

    public static Region read(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new RegionFileException(file.toString(), "kan niet gelezen worden (" + e.getMessage() + ")");
        }
        return parse(file.toString(), text);
    }

    /** Reads one of the region files shipped in the hub jar. */
    public static Region resource(String name) {
        try (InputStream in = RegionFile.class.getResourceAsStream("/nl/opvang/hub/" + name)) {
            if (in == null) {
                throw new RegionFileException(name, "staat niet in de hub-jar");
            }
            return parse(name, new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Reads the YAML text of a region file; {@code source} names it in messages. */
    public static Region parse(String source, String yaml) {
        JsonNode tree;
        RegionSchema.Lines lines;
        try {
            tree = Json.yaml().readTree(yaml);
            lines = new RegionSchema.Lines(yaml);
        } catch (JsonProcessingException e) {
            int line = e.getLocation() == null ? 1 : e.getLocation().getLineNr();
            throw new RegionFileException(source, line, "geen geldige YAML (" + e.getOriginalMessage().lines().findFirst()
                    .orElse("") + ")");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (tree == null || !tree.isObject()) {
            throw new RegionFileException(source, "is leeg of begint niet met 'regions:' (zie docs/DESIGN.md §7)");
        }
        RegionSchema.firstProblem(source, tree, lines).ifPresent(problem -> {
            throw problem;
        });
        RegionDocument document;
        try {
            document = Json.yaml().treeToValue(tree, RegionDocument.class);
        } catch (JsonProcessingException e) {
            // The schema admits only what binds; this is a schema that lags behind the records.
            throw new IllegalStateException(RegionSchema.RESOURCE + " admits what the records cannot hold", e);
        }
        return new RegionFile(source, lines).region(document.regions().get(0), "/regions/0");
    }

    private Region region(RegionDocument.RegionEntry entry, String at) {
        List<RegionDocument.MunicipalityEntry> listed = entry.municipalities() == null ? List.of() : entry.municipalities();
        List<String> municipalities = new ArrayList<>();
        List<Membership> memberships = new ArrayList<>();
        for (int i = 0; i < listed.size(); i++) {
            RegionDocument.MunicipalityEntry each = listed.get(i);
            String where = at + "/municipalities/" + i;
            LocalDate from = date(each.from(), where + "/from");
            LocalDate until = date(each.until(), where + "/until");
            if (from != null && until != null && !until.isAfter(from)) {
                throw fail(where + "/until", "until van gemeente '" + each.name() + "' moet na from liggen");
            }
            if (!municipalities.contains(each.name())) {
                municipalities.add(each.name());
            }
            memberships.add(new Membership(each.name(), from, until, each.domains()));
        }
        List<Location> locations = new ArrayList<>();
        Map<String, LocalDate> opens = new HashMap<>();
        for (int i = 0; i < entry.locations().size(); i++) {
            RegionDocument.LocationEntry location = entry.locations().get(i);
            locations.add(location(location, entry.code(), municipalities, at + "/locations/" + i));
            LocalDate date = date(location.opens(), at + "/locations/" + i + "/opens");
            if (date != null) {
                opens.put(location.code(), date);
            }
        }
        return new Region(entry.code(), entry.name(), municipalities, locations, memberships, opens,
                responseTimes(entry.desks(), locations, at));
    }

    /** Each desk's response time; a provider named twice, or one without VO locations, stops the file. */
    private Map<String, Duration> responseTimes(List<RegionDocument.DeskEntry> desks, List<Location> locations,
                                                String at) {
        Map<String, Duration> times = new HashMap<>();
        for (int i = 0; i < desks.size(); i++) {
            RegionDocument.DeskEntry desk = desks.get(i);
            String where = at + "/desks/" + i + "/provider";
            if (locations.stream().noneMatch(location -> location.audience().vo()
                    && location.provider().equals(desk.provider()))) {
                throw fail(where, "desks noemt '" + desk.provider() + "', maar die aanbieder heeft geen locatie met "
                        + "domain: vo");
            }
            if (times.put(desk.provider(), Duration.ofMinutes(desk.responseMinutes())) != null) {
                throw fail(where, "desks noemt aanbieder '" + desk.provider() + "' twee keer");
            }
        }
        return times;
    }

    /** A date the schema gave the shape of (YYYY-MM-DD) that must also exist; {@code null} stays {@code null}. */
    private LocalDate date(String text, String at) {
        if (text == null) {
            return null;
        }
        try {
            return LocalDate.parse(text);
        } catch (DateTimeParseException e) {
            throw fail(at, "'" + text + "' is geen bestaande datum (JJJJ-MM-DD)");
        }
    }

    private Location location(RegionDocument.LocationEntry entry, String region, List<String> municipalities, String at) {
        if (!locationCodes.add(entry.code())) {
            throw fail(at + "/code", "locatie '" + entry.code() + "' komt twee keer voor");
        }
        if (!municipalities.isEmpty() && !municipalities.contains(entry.municipality())) {
            throw fail(at + "/municipality", "gemeente '" + entry.municipality() + "' is geen gemeente van de regio: "
                    + String.join(", ", municipalities));
        }
        String phone;
        String name = entry.name();
        try {
            phone = Phone.parse(entry.phone()).display();
        } catch (IllegalArgumentException e) {
            throw fail(at + "/phone", "phone van locatie '" + entry.code() + "': " + e.getMessage());
        }
        String provider = entry.provider() == null ? "" : entry.provider();
        if (entry.secret()) {
            // A secret location's name and provider are kept at the hub and shown to authorised roles: no address in them.
            name = noAddress(at, "name", entry.code(), "De naam van een geheime locatie", name);
            provider = provider.isEmpty() ? provider
                    : noAddress(at, "provider", entry.code(), "De aanbieder van een geheime locatie", provider);
        }
        Set<String> places = new HashSet<>();
        List<NodeSpec> nodes = new ArrayList<>();
        for (int i = 0; i < entry.nodes().size(); i++) {
            nodes.add(node(entry.nodes().get(i), entry.code(), places, at + "/nodes/" + i));
        }
        return new Location(entry.code(), name, provider, entry.municipality(), region, phone, entry.secret(), nodes,
                audience(entry, nodes, at));
    }

    /** Whom the location's places are for; a group, domain or kind the hub does not know stops the file. */
    private Audience audience(RegionDocument.LocationEntry entry, List<NodeSpec> nodes, String at) {
        Domain domain = entry.domain() == null ? null : Domain.fromWire(entry.domain())
                .orElseThrow(() -> fail(at + "/domain", "domain '" + entry.domain() + "' is onbekend; kies uit mo, vo, bw"));
        Map<Kind, List<TargetGroup>> byKind = new EnumMap<>(Kind.class);
        entry.groupsByKind().forEach((wire, groups) -> {
            Kind kind = Kind.fromWire("kind", wire);
            if (nodes.stream().flatMap(node -> node.places().stream()).noneMatch(place -> place.kind() == kind)) {
                throw fail(at + "/groupsByKind/" + wire, "groupsByKind noemt '" + wire + "', maar locatie '"
                        + entry.code() + "' heeft geen plekken van die soort");
            }
            byKind.put(kind, groups(groups, at + "/groupsByKind/" + wire));
        });
        return new Audience(domain, groups(entry.groups(), at + "/groups"), byKind);
    }

    private List<TargetGroup> groups(List<String> names, String at) {
        List<TargetGroup> groups = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            String name = names.get(i);
            groups.add(TargetGroup.fromWire(name).orElseThrow(() -> fail(at, "doelgroep '" + name
                    + "' is onbekend; kies uit " + TargetGroup.wireNames())));
        }
        return groups;
    }

    private String noAddress(String at, String field, String code, String what, String text) {
        try {
            return NoAddress.check(what, text, 100);
        } catch (IllegalArgumentException e) {
            throw fail(at + "/" + field, field + " van locatie '" + code + "': " + e.getMessage());
        }
    }

    /** A node's places: its beds in the order written, then its counts; {@code places} spans the whole location. */
    private NodeSpec node(RegionDocument.NodeEntry entry, String site, Set<String> places, String at) {
        if (!nodeCodes.add(entry.code())) {
            throw fail(at + "/code", "node '" + entry.code() + "' komt twee keer voor");
        }
        List<PlaceSpec> specs = new ArrayList<>();
        for (int group = 0; group < entry.beds().size(); group++) {
            RegionDocument.BedsEntry beds = entry.beds().get(group);
            Kind kind = Kind.fromWire("kind", beds.kind());
            for (int i = 0; i < beds.codes().size(); i++) {
                String where = at + "/beds/" + group + "/codes/" + i;
                for (String bed : expand(beds.codes().get(i), where)) {
                    if (!places.add(bed)) {
                        throw fail(where, "bed '" + bed + "' komt twee keer voor in locatie '" + site + "'");
                    }
                    specs.add(PlaceSpec.bed(bed, kind));
                }
            }
        }
        for (int i = 0; i < entry.counts().size(); i++) {
            RegionDocument.CountEntry count = entry.counts().get(i);
            PlaceSpec place = PlaceSpec.count(Kind.fromWire("kind", count.kind()), count.capacity(), count.opened());
            if (!places.add(place.key())) {
                throw fail(at + "/counts/" + i, "counts met kind '" + count.kind() + "' staat twee keer in locatie '"
                        + site + "'");
            }
            specs.add(place);
        }
        if (specs.isEmpty()) {
            throw fail(at, "node '" + entry.code() + "' heeft geen beds of counts");
        }
        return new NodeSpec(entry.code(), site, specs);
    }

    private List<String> expand(String word, String at) {
        Matcher range = RANGE.matcher(word);
        if (!range.matches()) {
            return List.of(word);
        }
        if (!range.group(1).equals(range.group(3))) {
            throw fail(at, "reeks '" + word + "' moet dezelfde letters houden, zoals A01-A23");
        }
        int first = Integer.parseInt(range.group(2));
        int last = Integer.parseInt(range.group(4));
        if (last < first || last - first >= MAX_RANGE) {
            throw fail(at, "reeks '" + word + "' moet oplopen, met hoogstens " + MAX_RANGE + " bedden");
        }
        int width = range.group(2).startsWith("0") ? range.group(2).length() : 0;
        List<String> beds = new ArrayList<>();
        for (int number = first; number <= last; number++) {
            String digits = Integer.toString(number);
            String bed = range.group(1) + "0".repeat(Math.max(0, width - digits.length())) + digits;
            if (bed.length() > 16) {
                throw fail(at, "reeks '" + word + "' geeft bedcodes langer dan 16 tekens");
            }
            beds.add(bed);
        }
        return beds;
    }

    private RegionFileException fail(String pointer, String problem) {
        return new RegionFileException(source, lines.of(pointer), problem);
    }
}
