package nl.opvang.device.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import nl.opvang.device.json.Json;
import nl.opvang.hardware.HardwareConfig;
import nl.opvang.protocol.Kind;
import nl.opvang.protocol.ProtocolException;

/**
 * Reads a node's JSON config file into a validated {@link NodeConfig}: Jackson binds it to {@link NodeConfigFile}
 * (types, unknown fields), this class checks ranges and patterns. Every problem becomes one {@link ConfigProblem}
 * naming the field; unknown fields are refused too, because a misspelt optional field would otherwise be silently ignored.
 *
 * <pre>{"site":"amg","node":"amg-1","brokerUrl":"ssl://hub.example:8883","username":"amg-1","password":"…",
 *  "dataDir":"/var/lib/opvang","heartbeatSeconds":30,"tokenKeyId":"k1","tokenKey":"…","profile":"kiosk",
 *  "beds":[{"bed":"A1","kind":"regular"}],"counts":[{"kind":"nood","capacity":4,"open":false}],
 *  "staffPin":"4711","kioskPort":8090,"kioskIdleMinutes":3,"reader":{"type":"keyboard_evdev","device":"/dev/input/…"},
 *  "brokerCa":"/etc/opvang/ca.pem","address":"Straat 1, 3811 AA Amersfoort","name":"Amergaard","journalDays":30}</pre>
 * A relative {@code dataDir} is taken relative to the config file's folder. The staff PIN is hashed here and not kept.
 */
public final class NodeConfigLoader {
    private static final int MIN_KEY_LENGTH = 16;
    public NodeConfig load(Path file) {
        String text;
        try {
            text = Files.readString(file);
        } catch (IOException e) {
            throw new ConfigProblem("file", "cannot be read: " + file + " (" + e.getClass().getSimpleName() + ")");
        }
        NodeConfigFile root = NodeConfigFile.read(text);
        Path base = file.toAbsolutePath().getParent();
        try {
            return new NodeConfig(text("site", root.site()), text("node", root.node()), brokerUrl(root.brokerUrl()),
                    optText("username", root.username()), optText("password", root.password()),
                    base.resolve(text("dataDir", root.dataDir())), heartbeat(root.heartbeatSeconds()), beds(root.beds()),
                    counts(root.counts()), tokenKeyId(root.tokenKeyId()), tokenKey(root.tokenKey()), profile(root.profile()),
                    kiosk(root, base), brokerCa(root.brokerCa(), base), address(root.address()),
                    wholeNumber("journalDays", root.journalDays(), NodeConfig.DEFAULT_JOURNAL_DAYS, 1, 3650),
                    oneLine("name", root.name(), 100));
        } catch (ProtocolException e) {
            // The record's own checks name the field in their message.
            throw new ConfigProblem(fieldOf(e.getMessage()), problemOf(e.getMessage()));
        }
    }

    /** The location's own address, for the kiosk only; at most 200 characters of one line. */
    private static String address(String value) {
        return oneLine("address", value, 200);
    }

    /** An optional local text (the address, the name): one line of at most {@code max} characters. */
    private static String oneLine(String field, String value, int max) {
        String text = optText(field, value);
        if (text != null && (text.length() > max || text.contains("\n") || text.contains("\r"))) {
            throw new ConfigProblem(field, "must be one line of at most " + max + " characters");
        }
        return text;
    }

    /** The broker's CA file: it must exist and hold a certificate, so that a typo shows at start, not at connect. */
    private static Path brokerCa(String value, Path base) {
        String name = optText("brokerCa", value);
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
     * kiosk on the port the screen expects (docs/DESIGN.md §2).
     */
    public int kioskPortOrDefault(Path file) {
        try {
            JsonNode port = Json.mapper().readTree(Files.readString(file)).get("kioskPort");
            if (port != null && port.isIntegralNumber() && port.intValue() >= 0 && port.intValue() <= 65_535) {
                return port.intValue();
            }
        } catch (IOException | RuntimeException e) {
            // Unreadable or not JSON: the default port below.
        }
        return NodeConfig.KioskSettings.DEFAULT_PORT;
    }

    private static NodeConfig.KioskSettings kiosk(NodeConfigFile root, Path base) {
        StaffPin pin = null;
        if (root.staffPin() != null) {
            if (!root.staffPin().matches("[0-9]{4,12}")) {
                throw new ConfigProblem("staffPin", "must be 4 to 12 digits, written as text");
            }
            pin = StaffPin.hash(root.staffPin());
        }
        int port = wholeNumber("kioskPort", root.kioskPort(), NodeConfig.KioskSettings.DEFAULT_PORT, 0, 65_535);
        int idle = wholeNumber("kioskIdleMinutes", root.kioskIdleMinutes(), 3, 1, 120);
        return new NodeConfig.KioskSettings(port, pin, Duration.ofMinutes(idle), reader(root.reader(), base));
    }

    private static HardwareConfig.ReaderSpec reader(NodeConfigFile.Reader reader, Path base) {
        if (reader == null) {
            return null;
        }
        HardwareConfig.ReaderType type;
        try {
            type = HardwareConfig.ReaderType.valueOf(text("reader.type", reader.type()).toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new ConfigProblem("reader.type", "must be keyboard_evdev, keyboard_text or pcsc");
        }
        String device = optText("reader.device", reader.device());
        try {
            return new HardwareConfig.ReaderSpec(type, device == null ? null : base.resolve(device));
        } catch (IllegalArgumentException e) {
            throw new ConfigProblem("reader.device", "is required for keyboard_evdev, e.g. /dev/input/by-id/…-event-kbd");
        }
    }

    private static int wholeNumber(String field, Integer value, int fallback, int min, int max) {
        if (value == null) {
            return fallback;
        }
        if (value < min || value > max) {
            throw new ConfigProblem(field, "must be a whole number between " + min + " and " + max);
        }
        return value;
    }

    private static String brokerUrl(String value) {
        String url = text("brokerUrl", value);
        if (!url.matches("(tcp|ssl)://[^/\\s]+:[0-9]{1,5}")) {
            throw new ConfigProblem("brokerUrl", "must look like tcp://host:1883 or ssl://host:8883");
        }
        return url;
    }

    private static int heartbeat(Integer value) {
        if (value == null) {
            return 30;
        }
        if (value < 1 || value > 3600) {
            throw new ConfigProblem("heartbeatSeconds", "must be a whole number of seconds between 1 and 3600");
        }
        return value;
    }

    private static List<NodeConfig.BedConfig> beds(List<NodeConfigFile.Bed> entries) {
        List<NodeConfig.BedConfig> beds = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < entries.size(); i++) {
            String at = "beds[" + i + "]";
            NodeConfigFile.Bed entry = entries.get(i);
            if (entry == null) {
                throw new ConfigProblem(at + ".bed", "is missing");
            }
            String bed = text(at + ".bed", entry.bed());
            if (!seen.add(bed)) {
                throw new ConfigProblem(at + ".bed", "repeats bed " + bed);
            }
            try {
                beds.add(new NodeConfig.BedConfig(bed, kind(at, entry.kind())));
            } catch (ProtocolException e) {
                throw new ConfigProblem(at + ".bed", problemOf(e.getMessage()));
            }
        }
        return beds;
    }

    private static List<NodeConfig.CountConfig> counts(List<NodeConfigFile.Count> entries) {
        List<NodeConfig.CountConfig> counts = new ArrayList<>();
        Set<Kind> seen = new HashSet<>();
        for (int i = 0; i < entries.size(); i++) {
            String at = "counts[" + i + "]";
            NodeConfigFile.Count count = entries.get(i);
            Kind kind = kind(at, count == null ? null : count.kind());
            if (!seen.add(kind)) {
                throw new ConfigProblem(at + ".kind", "repeats kind " + kind.wire());
            }
            if (count.capacity() == null || count.capacity() < 0 || count.capacity() > 10_000) {
                throw new ConfigProblem(at + ".capacity", "must be a whole number between 0 and 10000");
            }
            counts.add(new NodeConfig.CountConfig(kind, count.capacity(), count.open() == null || count.open()));
        }
        return counts;
    }

    private static Kind kind(String at, String value) {
        String wire = text(at + ".kind", value);
        try {
            return Kind.fromWire("kind", wire);
        } catch (ProtocolException e) {
            throw new ConfigProblem(at + ".kind", "must be one of regular, crisis, nood, opstart, family");
        }
    }

    private static String tokenKeyId(String value) {
        String id = text("tokenKeyId", value);
        if (!id.matches("[a-z0-9]{1,8}")) {
            throw new ConfigProblem("tokenKeyId", "must be 1 to 8 lower-case letters or digits");
        }
        return id;
    }

    private static String tokenKey(String value) {
        String key = text("tokenKey", value);
        if (key.length() < MIN_KEY_LENGTH) {
            throw new ConfigProblem("tokenKey", "must be at least " + MIN_KEY_LENGTH + " characters");
        }
        return key;
    }

    private static NodeConfig.Profile profile(String value) {
        String profile = optText("profile", value);
        if (profile == null) {
            return NodeConfig.Profile.KIOSK;
        }
        try {
            return NodeConfig.Profile.valueOf(profile.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new ConfigProblem("profile", "must be kiosk or panel");
        }
    }

    /** A required text: missing is named as such, blank as not a text. */
    private static String text(String field, String value) {
        if (value == null) {
            throw new ConfigProblem(field, "is missing");
        }
        if (value.isBlank()) {
            throw new ConfigProblem(field, NodeConfigFile.NOT_TEXT);
        }
        return value;
    }

    private static String optText(String field, String value) {
        return value == null ? null : text(field, value);
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
