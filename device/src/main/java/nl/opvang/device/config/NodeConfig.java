package nl.opvang.device.config;

import java.nio.file.Path;
import java.util.List;
import nl.opvang.protocol.Check;
import nl.opvang.protocol.Kind;

/**
 * Everything a node needs, loaded once and validated at start (STYLE.md 6). A node lists its own places so that it
 * works offline; the hub's registry is the authority on what the node owns.
 *
 * @param site             the location's opaque code
 * @param node             this node's code
 * @param brokerUrl        e.g. {@code tcp://127.0.0.1:1883} or {@code ssl://hub.example:8883}
 * @param username         broker user name, or {@code null} for an anonymous (demo) broker
 * @param password         broker password, or {@code null}
 * @param dataDir          folder of the node's SQLite database (state and outbox)
 * @param heartbeatSeconds how often the node says it is alive when nothing happens
 * @param beds             per-bed places
 * @param counts           count-only places, e.g. noodbedden
 * @param tokenKeyId       id of the pseudonymisation key, the prefix of every token (e.g. {@code k1})
 * @param tokenKey         the regional pseudonymisation key (keyed HMAC of a pass number)
 * @param profile          {@code kiosk} (touchscreen) or {@code panel} (buttons and a display)
 */
public record NodeConfig(
        String site,
        String node,
        String brokerUrl,
        String username,
        String password,
        Path dataDir,
        int heartbeatSeconds,
        List<BedConfig> beds,
        List<CountConfig> counts,
        String tokenKeyId,
        String tokenKey,
        Profile profile) {

    public NodeConfig {
        Check.code("site", site);
        Check.code("node", node);
        Check.present("brokerUrl", brokerUrl);
        Check.present("dataDir", dataDir);
        Check.between("heartbeatSeconds", heartbeatSeconds, 1, 3600);
        beds = List.copyOf(beds);
        counts = List.copyOf(counts);
        Check.present("tokenKeyId", tokenKeyId);
        Check.present("tokenKey", tokenKey);
        Check.present("profile", profile);
    }

    /** A node for the demo and tests: anonymous broker, demo key, kiosk profile, 30 s heartbeat. */
    public static NodeConfig simulated(String site, String node, String brokerUrl, Path dataDir,
                                       List<BedConfig> beds, List<CountConfig> counts) {
        return new NodeConfig(site, node, brokerUrl, null, null, dataDir, 30, beds, counts,
                "k1", "demo-key-not-for-production", Profile.KIOSK);
    }

    /** One bed this node owns. */
    public record BedConfig(String bed, Kind kind) {
        public BedConfig {
            Check.bed("bed", bed);
            Check.present("kind", kind);
        }
    }

    /** A count-only kind this node owns. */
    public record CountConfig(Kind kind, int capacity, boolean open) {
        public CountConfig {
            Check.present("kind", kind);
            Check.between("capacity", capacity, 0, 10_000);
        }
    }

    /** How the node is operated. */
    public enum Profile {
        KIOSK,
        PANEL
    }
}
