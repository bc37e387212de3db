package nl.opvang.hub.location;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import nl.opvang.protocol.Check;
import nl.opvang.protocol.Kind;
import nl.opvang.protocol.ProtocolException;

/**
 * Reads a region file: a small line-based format an administrator can edit (see {@code amersfoort.region} for the
 * format). Every problem is reported as one line naming the line number, so a bad file is fixed in one go.
 */
public final class RegionFile {
    /** The seed region shipped with the project. */
    public static final String SEED = "amersfoort.region";
    /** The demo's test location (site {@code test}, node {@code test-1}). */
    public static final String TEST_LOCATION = "test-location.region";

    private static final Pattern RANGE = Pattern.compile("([A-Za-z]*)(\\d+)-([A-Za-z]*)(\\d+)");
    private static final int MAX_RANGE = 2000;

    private final String source;
    private String regionCode;
    private String regionName;
    private final List<String> municipalities = new ArrayList<>();
    private final List<Location> locations = new ArrayList<>();
    private final Set<String> nodeCodes = new HashSet<>();
    private final Set<String> locationCodes = new HashSet<>();
    private LocationBuilder location;
    private int lineNumber;

    private RegionFile(String source) {
        this.source = source;
    }

    public static Region read(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new RegionFileException(file.toString(), "cannot be read (" + e.getMessage() + ")");
        }
        return parse(file.toString(), lines);
    }

    /** Reads one of the region files shipped in the hub jar. */
    public static Region resource(String name) {
        try (InputStream in = RegionFile.class.getResourceAsStream("/nl/opvang/hub/" + name)) {
            if (in == null) {
                throw new RegionFileException(name, "is not in the hub jar");
            }
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            return parse(name, Arrays.asList(text.split("\n", -1)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static Region parse(String source, List<String> lines) {
        RegionFile parser = new RegionFile(source);
        for (String line : lines) {
            parser.lineNumber++;
            parser.line(line);
        }
        return parser.finish();
    }

    private void line(String raw) {
        String line = raw.strip();
        int comment = line.indexOf('#');
        if (comment >= 0) {
            line = line.substring(0, comment).strip();
        }
        if (line.isEmpty()) {
            return;
        }
        String[] words = line.split("\\s+", 2);
        String key = words[0];
        String rest = words.length > 1 ? words[1].strip() : "";
        switch (key) {
            case "region" -> region(rest);
            case "municipalities" -> municipalities(rest);
            case "location" -> startLocation(rest);
            case "name", "provider", "municipality", "phone", "secret" -> currentLocation(key).set(key, rest);
            case "node" -> currentLocation(key).node(code("node", rest));
            case "beds" -> currentLocation(key).beds(rest);
            case "count" -> currentLocation(key).count(rest);
            default -> throw fail("unknown word '" + key + "' (expected region, municipalities, location, name, provider, "
                    + "municipality, phone, secret, node, beds or count)");
        }
    }

    private void region(String rest) {
        String[] words = rest.split("\\s+", 2);
        if (words.length < 2) {
            throw fail("expected 'region <code> <name>'");
        }
        regionCode = code("region", words[0]);
        regionName = words[1];
    }

    private void municipalities(String rest) {
        for (String name : rest.split(",")) {
            if (!name.isBlank()) {
                municipalities.add(name.strip());
            }
        }
    }

    private void startLocation(String rest) {
        closeLocation();
        if (regionCode == null) {
            throw fail("a 'region' line must come before the first location");
        }
        String code = code("location", rest);
        if (!locationCodes.add(code)) {
            throw fail("location '" + code + "' appears twice");
        }
        location = new LocationBuilder(code, lineNumber);
    }

    private LocationBuilder currentLocation(String key) {
        if (location == null) {
            throw fail("'" + key + "' must follow a 'location' line");
        }
        return location;
    }

    private void closeLocation() {
        if (location != null) {
            locations.add(location.build());
            location = null;
        }
    }

    private Region finish() {
        closeLocation();
        if (regionCode == null) {
            throw new RegionFileException(source, "has no 'region' line");
        }
        if (locations.isEmpty()) {
            throw new RegionFileException(source, "has no locations");
        }
        return new Region(regionCode, regionName, municipalities, locations);
    }

    private String code(String what, String value) {
        try {
            return Check.code(what, value);
        } catch (ProtocolException e) {
            throw fail(what + " code '" + value + "' must be lower-case letters, digits and '-' (at most 32)");
        }
    }

    private RegionFileException fail(String problem) {
        return new RegionFileException(source, lineNumber, problem);
    }

    /** Collects one location's lines; validates when the next location starts or the file ends. */
    private final class LocationBuilder {
        private final String code;
        private final int startLine;
        private final Map<String, String> fields = new LinkedHashMap<>();
        private final List<NodeSpec> nodes = new ArrayList<>();
        private final Set<String> places = new HashSet<>();
        private String node;
        private List<PlaceSpec> nodePlaces;

        LocationBuilder(String code, int startLine) {
            this.code = code;
            this.startLine = startLine;
        }

        void set(String key, String value) {
            if (value.isEmpty()) {
                throw fail("'" + key + "' needs a value");
            }
            if (fields.putIfAbsent(key, value) != null) {
                throw fail("'" + key + "' appears twice for location '" + code + "'");
            }
            if (key.equals("secret") && !value.equals("yes") && !value.equals("no")) {
                throw fail("'secret' must be yes or no, not '" + value + "'");
            }
            if (key.equals("municipality") && !municipalities.isEmpty() && !municipalities.contains(value)) {
                throw fail("municipality '" + value + "' is not one of the region's: " + String.join(", ", municipalities));
            }
        }

        void node(String nodeCode) {
            closeNode();
            if (!nodeCodes.add(nodeCode)) {
                throw fail("node '" + nodeCode + "' appears twice");
            }
            node = nodeCode;
            nodePlaces = new ArrayList<>();
        }

        void beds(String rest) {
            requireNode("beds");
            String[] words = rest.split("\\s+");
            if (words.length < 2 || rest.isEmpty()) {
                throw fail("expected 'beds <kind> <first>-<last>' or 'beds <kind> <bed> <bed> ...'");
            }
            Kind kind = kind(words[0]);
            for (int i = 1; i < words.length; i++) {
                for (String bed : expand(words[i])) {
                    if (!Check.BED.matcher(bed).matches()) {
                        throw fail("bed '" + bed + "' must be letters, digits, '.', '_' or '-' (at most 16)");
                    }
                    if (!places.add(bed)) {
                        throw fail("bed '" + bed + "' appears twice in location '" + code + "'");
                    }
                    nodePlaces.add(PlaceSpec.bed(bed, kind));
                }
            }
        }

        void count(String rest) {
            requireNode("count");
            String[] words = rest.split("\\s+");
            if (words.length < 2 || words.length > 3 || (words.length == 3 && !words[2].equals("closed"))) {
                throw fail("expected 'count <kind> <capacity>' or 'count <kind> <capacity> closed'");
            }
            Kind kind = kind(words[0]);
            int capacity;
            try {
                capacity = Integer.parseInt(words[1]);
            } catch (NumberFormatException e) {
                throw fail("capacity '" + words[1] + "' is not a number");
            }
            if (capacity < 0 || capacity > 10_000) {
                throw fail("capacity must be between 0 and 10000");
            }
            PlaceSpec place = PlaceSpec.count(kind, capacity, words.length == 2);
            if (!places.add(place.key())) {
                throw fail("'count " + kind.wire() + "' appears twice in location '" + code + "'");
            }
            nodePlaces.add(place);
        }

        private List<String> expand(String word) {
            Matcher range = RANGE.matcher(word);
            if (!range.matches()) {
                return List.of(word);
            }
            if (!range.group(1).equals(range.group(3))) {
                throw fail("range '" + word + "' must keep its letters, e.g. A01-A23");
            }
            int first = Integer.parseInt(range.group(2));
            int last = Integer.parseInt(range.group(4));
            if (last < first || last - first >= MAX_RANGE) {
                throw fail("range '" + word + "' must go up, by at most " + MAX_RANGE + " beds");
            }
            int width = range.group(2).startsWith("0") ? range.group(2).length() : 0;
            List<String> beds = new ArrayList<>();
            for (int number = first; number <= last; number++) {
                String digits = Integer.toString(number);
                beds.add(range.group(1) + "0".repeat(Math.max(0, width - digits.length())) + digits);
            }
            return beds;
        }

        private Kind kind(String word) {
            try {
                return Kind.fromWire("kind", word);
            } catch (ProtocolException e) {
                throw fail("unknown kind '" + word + "' (expected regular, crisis, nood, opstart or family)");
            }
        }

        private void requireNode(String key) {
            if (node == null) {
                throw fail("'" + key + "' must follow a 'node' line");
            }
        }

        private void closeNode() {
            if (node != null) {
                if (nodePlaces.isEmpty()) {
                    throw fail("node '" + node + "' has no beds or counts");
                }
                nodes.add(new NodeSpec(node, code, nodePlaces));
                node = null;
            }
        }

        Location build() {
            closeNode();
            for (String required : List.of("name", "municipality", "phone", "secret")) {
                if (!fields.containsKey(required)) {
                    throw new RegionFileException(source, startLine, "location '" + code + "' has no '" + required + "'");
                }
            }
            if (nodes.isEmpty()) {
                throw new RegionFileException(source, startLine, "location '" + code + "' has no node");
            }
            boolean secret = fields.get("secret").equals("yes");
            String phone;
            String name = fields.get("name");
            try {
                phone = Phone.parse(fields.get("phone")).display();
                if (secret) {
                    // A secret location's name is kept at the hub and shown to authorised roles: no address in it.
                    name = NoAddress.check("De naam van een geheime locatie", name, 100);
                }
            } catch (IllegalArgumentException e) {
                throw new RegionFileException(source, startLine, "location '" + code + "': " + e.getMessage());
            }
            return new Location(code, name, fields.getOrDefault("provider", ""), fields.get("municipality"),
                    regionCode, phone, secret, nodes);
        }
    }
}
