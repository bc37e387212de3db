package nl.opvang.device.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import nl.opvang.hardware.HardwareConfig;
import nl.opvang.protocol.Kind;
import nl.opvang.protocol.ProtocolException;

/**
 * Reads a node's JSON config file into a validated {@link NodeConfig}. Every problem becomes one {@link ConfigProblem}
 * naming the field; unknown fields are refused too, because a misspelt optional field would otherwise be silently ignored.
 *
 * <pre>{"site":"amg","node":"amg-1","brokerUrl":"ssl://hub.example:8883","username":"amg-1","password":"…",
 *  "dataDir":"/var/lib/opvang","heartbeatSeconds":30,"tokenKeyId":"k1","tokenKey":"…","profile":"kiosk",
 *  "beds":[{"bed":"A1","kind":"regular"}],"counts":[{"kind":"nood","capacity":4,"open":false}],
 *  "staffPin":"4711","kioskPort":8090,"kioskIdleMinutes":3,"reader":{"type":"keyboard_evdev","device":"/dev/input/…"},
 *  "brokerCa":"/etc/opvang/ca.pem","address":"Straat 1, 3811 AA Amersfoort","journalDays":30}</pre>
 * A relative {@code dataDir} is taken relative to the config file's folder. The staff PIN is hashed here and not kept.
 */
public final class NodeConfigLoader {
    private static final Set<String> FIELDS = Set.of("site", "node", "brokerUrl", "username", "password", "dataDir",
            "heartbeatSeconds", "beds", "counts", "tokenKeyId", "tokenKey", "profile",
            "staffPin", "kioskPort", "kioskIdleMinutes", "reader", "brokerCa", "address",
            "journalDays");
    private static final int MIN_KEY_LENGTH = 16;

    private final ObjectMapper mapper = new ObjectMapper();

    public NodeConfig load(Path file) {
        String text;
        try {
            text = Files.readString(file);
        } catch (IOException e) {
            throw new ConfigProblem("file", "cannot be read: " + file + " (" + e.getClass().getSimpleName() + ")");
        }
        JsonNode root;
        try {
            root = mapper.readTree(text);
        } catch (JsonProcessingException e) {
            throw new ConfigProblem("file", "is not valid JSON at line " + e.getLocation().getLineNr());
        }
        if (root == null || !root.isObject()) {
            throw new ConfigProblem("file", "must hold one JSON object");
        }
        for (Iterator<String> names = root.fieldNames(); names.hasNext();) {
            String name = names.next();
            if (!FIELDS.contains(name)) {
                throw new ConfigProblem(name, "is not a known field");
            }
        }
        Path base = file.toAbsolutePath().getParent();
        try {
            return new NodeConfig(text(root, "site"), text(root, "node"), brokerUrl(root), optText(root, "username"),
                    optText(root, "password"), base.resolve(text(root, "dataDir")), heartbeat(root), beds(root), counts(root),
                    tokenKeyId(root), tokenKey(root), profile(root), kiosk(root, base), brokerCa(root, base),
                    address(root), wholeNumber(root, "journalDays", NodeConfig.DEFAULT_JOURNAL_DAYS, 1, 3650));
        } catch (ProtocolException e) {
            // The record's own checks name the field in their message.
            throw new ConfigProblem(fieldOf(e.getMessage()), problemOf(e.getMessage()));
        }
    }

    /** The location's own address, for the kiosk only; at most 200 characters of one line. */
    private static String address(JsonNode root) {
        String address = optText(root, "address");
        if (address != null && (address.length() > 200 || address.contains("\n") || address.contains("\r"))) {
            throw new ConfigProblem("address", "must be one line of at most 200 characters");
        }
        return address;
    }

    /** The broker's CA file: it must exist and hold a certificate, so that a typo shows at start, not at connect. */
    private static Path brokerCa(JsonNode root, Path base) {
        String name = optText(root, "brokerCa");
        if (name == null) {
            return null;
        }
        Path file = base.resolve(name);
        try {
            BrokerTrust.certificates(file);
        } catch (IllegalArgumentException e) {
            throw new ConfigProblem("brokerCa", e.getMessage());
        }
        return file;
    }

    /**
     * The kiosk port from {@code file} when that much can be read, else the default: a broken config still gets its
     * kiosk on the port the screen expects (DESIGN §2).
     */
    public int kioskPortOrDefault(Path file) {
        try {
            JsonNode port = mapper.readTree(Files.readString(file)).get("kioskPort");
            if (port != null && port.isIntegralNumber() && port.intValue() >= 0 && port.intValue() <= 65_535) {
                return port.intValue();
            }
        } catch (IOException | RuntimeException e) {
            // Unreadable or not JSON: the default port below.
        }
        return NodeConfig.KioskSettings.DEFAULT_PORT;
    }

    private static NodeConfig.KioskSettings kiosk(JsonNode root, Path base) {
        StaffPin pin = null;
        JsonNode pinValue = root.get("staffPin");
        if (pinValue != null && !pinValue.isNull()) {
            if (!pinValue.isTextual() || !pinValue.textValue().matches("[0-9]{4,12}")) {
                throw new ConfigProblem("staffPin", "must be 4 to 12 digits, written as text");
            }
            pin = StaffPin.hash(pinValue.textValue());
        }
        int port = wholeNumber(root, "kioskPort", NodeConfig.KioskSettings.DEFAULT_PORT, 0, 65_535);
        int idle = wholeNumber(root, "kioskIdleMinutes", 3, 1, 120);
        return new NodeConfig.KioskSettings(port, pin, Duration.ofMinutes(idle), reader(root, base));
    }

    private static HardwareConfig.ReaderSpec reader(JsonNode root, Path base) {
        JsonNode reader = root.get("reader");
        if (reader == null || reader.isNull()) {
            return null;
        }
        if (!reader.isObject()) {
            throw new ConfigProblem("reader", "must be an object like {\"type\":\"keyboard_evdev\",\"device\":\"/dev/input/…\"}");
        }
        HardwareConfig.ReaderType type;
        try {
            type = HardwareConfig.ReaderType.valueOf(text(reader, "reader.type", "type").toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new ConfigProblem("reader.type", "must be keyboard_evdev, keyboard_text or pcsc");
        }
        String device = optText(reader, "device");
        try {
            return new HardwareConfig.ReaderSpec(type, device == null ? null : base.resolve(device));
        } catch (IllegalArgumentException e) {
            throw new ConfigProblem("reader.device", "is required for keyboard_evdev, e.g. /dev/input/by-id/…-event-kbd");
        }
    }

    private static int wholeNumber(JsonNode root, String field, int fallback, int min, int max) {
        JsonNode value = root.get(field);
        if (value == null || value.isNull()) {
            return fallback;
        }
        if (!value.isIntegralNumber() || value.intValue() < min || value.intValue() > max) {
            throw new ConfigProblem(field, "must be a whole number between " + min + " and " + max);
        }
        return value.intValue();
    }

    private static String brokerUrl(JsonNode root) {
        String url = text(root, "brokerUrl");
        if (!url.matches("(tcp|ssl)://[^/\\s]+:[0-9]{1,5}")) {
            throw new ConfigProblem("brokerUrl", "must look like tcp://host:1883 or ssl://host:8883");
        }
        return url;
    }

    private static int heartbeat(JsonNode root) {
        JsonNode value = root.get("heartbeatSeconds");
        if (value == null) {
            return 30;
        }
        if (!value.canConvertToInt() || !value.isIntegralNumber() || value.intValue() < 1 || value.intValue() > 3600) {
            throw new ConfigProblem("heartbeatSeconds", "must be a whole number of seconds between 1 and 3600");
        }
        return value.intValue();
    }

    private static List<NodeConfig.BedConfig> beds(JsonNode root) {
        List<NodeConfig.BedConfig> beds = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        JsonNode array = root.get("beds");
        if (array == null) {
            return beds;
        }
        if (!array.isArray()) {
            throw new ConfigProblem("beds", "must be a list");
        }
        for (int i = 0; i < array.size(); i++) {
            String at = "beds[" + i + "]";
            String bed = text(array.get(i), at + ".bed", "bed");
            if (!seen.add(bed)) {
                throw new ConfigProblem(at + ".bed", "repeats bed " + bed);
            }
            try {
                beds.add(new NodeConfig.BedConfig(bed, kind(array.get(i), at)));
            } catch (ProtocolException e) {
                throw new ConfigProblem(at + ".bed", problemOf(e.getMessage()));
            }
        }
        return beds;
    }

    private static List<NodeConfig.CountConfig> counts(JsonNode root) {
        List<NodeConfig.CountConfig> counts = new ArrayList<>();
        JsonNode array = root.get("counts");
        if (array == null) {
            return counts;
        }
        if (!array.isArray()) {
            throw new ConfigProblem("counts", "must be a list");
        }
        Set<Kind> seen = new HashSet<>();
        for (int i = 0; i < array.size(); i++) {
            String at = "counts[" + i + "]";
            JsonNode count = array.get(i);
            Kind kind = kind(count, at);
            if (!seen.add(kind)) {
                throw new ConfigProblem(at + ".kind", "repeats kind " + kind.wire());
            }
            JsonNode capacity = count.get("capacity");
            if (capacity == null || !capacity.isIntegralNumber() || capacity.intValue() < 0 || capacity.intValue() > 10_000) {
                throw new ConfigProblem(at + ".capacity", "must be a whole number between 0 and 10000");
            }
            JsonNode open = count.get("open");
            if (open != null && !open.isBoolean()) {
                throw new ConfigProblem(at + ".open", "must be true or false");
            }
            counts.add(new NodeConfig.CountConfig(kind, capacity.intValue(), open == null || open.booleanValue()));
        }
        return counts;
    }

    private static Kind kind(JsonNode object, String at) {
        String value = text(object, at + ".kind", "kind");
        try {
            return Kind.fromWire("kind", value);
        } catch (ProtocolException e) {
            throw new ConfigProblem(at + ".kind", "must be one of regular, crisis, nood, opstart, family");
        }
    }

    private static String tokenKeyId(JsonNode root) {
        String id = text(root, "tokenKeyId");
        if (!id.matches("[a-z0-9]{1,8}")) {
            throw new ConfigProblem("tokenKeyId", "must be 1 to 8 lower-case letters or digits");
        }
        return id;
    }

    private static String tokenKey(JsonNode root) {
        String key = text(root, "tokenKey");
        if (key.length() < MIN_KEY_LENGTH) {
            throw new ConfigProblem("tokenKey", "must be at least " + MIN_KEY_LENGTH + " characters");
        }
        return key;
    }

    private static NodeConfig.Profile profile(JsonNode root) {
        String profile = optText(root, "profile");
        if (profile == null) {
            return NodeConfig.Profile.KIOSK;
        }
        try {
            return NodeConfig.Profile.valueOf(profile.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new ConfigProblem("profile", "must be kiosk or panel");
        }
    }

    private static String text(JsonNode object, String field) {
        return text(object, field, field);
    }

    private static String text(JsonNode object, String field, String name) {
        JsonNode value = object == null ? null : object.get(name);
        if (value == null || value.isNull()) {
            throw new ConfigProblem(field, "is missing");
        }
        if (!value.isTextual() || value.textValue().isBlank()) {
            throw new ConfigProblem(field, "must be a non-empty text");
        }
        return value.textValue();
    }

    private static String optText(JsonNode object, String field) {
        JsonNode value = object.get(field);
        return value == null || value.isNull() ? null : text(object, field);
    }

    private static String fieldOf(String message) {
        int start = message.indexOf('\'');
        int end = message.indexOf('\'', start + 1);
        return start >= 0 && end > start ? message.substring(start + 1, end) : "file";
    }

    private static String problemOf(String message) {
        int end = message.indexOf('\'', message.indexOf('\'') + 1);
        return end > 0 ? message.substring(end + 1).strip() : message;
    }
}
