package nl.opvang.device.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import nl.opvang.hardware.HardwareConfig;
import nl.opvang.protocol.Check;
import nl.opvang.protocol.Kind;

/**
 * Everything a node needs, loaded once and validated at start (docs/DESIGN.md §1). A node lists its own places so that
 * it works offline; the hub's registry is the authority on what the node owns.
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
 * @param kiosk            the kiosk page's settings
 * @param brokerCa         PEM file of the CA that signed the broker's certificate (the project's own CA from
 *                         deploy/broker/make-ca.sh), trusted for {@code ssl://} brokers; {@code null}: the JVM's trust store
 * @param kiosk            the local kiosk page: port, staff PIN, auto-lock, pass reader
 * @param address          the location's own street address, or {@code null}: local only, shown to staff on the kiosk
 *                         and never published, logged or put in any message (docs/DESIGN.md §5: a secret location's
 *                         address never reaches the hub)
 * @param journalDays      how long acked events stay in the node's journal, so that a hub restored from a backup can
 *                         ask for them again ({@code resend}, docs/DESIGN.md §3); older ones are pruned so the SD card
 *                         does not fill. Default {@value #DEFAULT_JOURNAL_DAYS}
 * @param name             the location's own name, or {@code null}: local only, the kiosk's title. The hub names a
 *                         secret location only by its provider and sends no name for it, so without this a secret
 *                         location's kiosk could only say "Locatie &lt;code&gt;" (issue 15); put in no message
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
        Profile profile,
        KioskSettings kiosk,
        Path brokerCa,
        String address,
        int journalDays,
        String name) {
    /** Days acked events are kept when the config does not say (docs/DESIGN.md §3). */
    public static final int DEFAULT_JOURNAL_DAYS = 30;

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
        Check.present("kiosk", kiosk);
        if (address != null && address.isBlank()) {
            address = null;
        }
        Check.between("journalDays", journalDays, 1, 3650);
        if (name != null && name.isBlank()) {
            name = null;
        }
    }

    /** A config without a local name (the kiosk then takes the name the hub's counts give, or the code). */
    public NodeConfig(String site, String node, String brokerUrl, String username, String password, Path dataDir,
                      int heartbeatSeconds, List<BedConfig> beds, List<CountConfig> counts, String tokenKeyId,
                      String tokenKey, Profile profile, KioskSettings kiosk, Path brokerCa, String address,
                      int journalDays) {
        this(site, node, brokerUrl, username, password, dataDir, heartbeatSeconds, beds, counts, tokenKeyId, tokenKey,
                profile, kiosk, brokerCa, address, journalDays, null);
    }

    /** A config with the default journal period. */
    public NodeConfig(String site, String node, String brokerUrl, String username, String password, Path dataDir,
                      int heartbeatSeconds, List<BedConfig> beds, List<CountConfig> counts, String tokenKeyId,
                      String tokenKey, Profile profile, KioskSettings kiosk, Path brokerCa, String address) {
        this(site, node, brokerUrl, username, password, dataDir, heartbeatSeconds, beds, counts, tokenKeyId, tokenKey,
                profile, kiosk, brokerCa, address, DEFAULT_JOURNAL_DAYS);
    }

    /** A config without a local address. */
    public NodeConfig(String site, String node, String brokerUrl, String username, String password, Path dataDir,
                      int heartbeatSeconds, List<BedConfig> beds, List<CountConfig> counts, String tokenKeyId,
                      String tokenKey, Profile profile, KioskSettings kiosk, Path brokerCa) {
        this(site, node, brokerUrl, username, password, dataDir, heartbeatSeconds, beds, counts, tokenKeyId, tokenKey,
                profile, kiosk, brokerCa, null);
    }

    /** A config with the kiosk's defaults (port 8090, no PIN, lock after 3 idle minutes, no reader). */
    public NodeConfig(String site, String node, String brokerUrl, String username, String password, Path dataDir,
                      int heartbeatSeconds, List<BedConfig> beds, List<CountConfig> counts, String tokenKeyId,
                      String tokenKey, Profile profile) {
        this(site, node, brokerUrl, username, password, dataDir, heartbeatSeconds, beds, counts, tokenKeyId, tokenKey,
                profile, KioskSettings.defaults());
    }

    /** A config whose {@code ssl://} broker is trusted through the JVM's own trust store. */
    public NodeConfig(String site, String node, String brokerUrl, String username, String password, Path dataDir,
                      int heartbeatSeconds, List<BedConfig> beds, List<CountConfig> counts, String tokenKeyId,
                      String tokenKey, Profile profile, KioskSettings kiosk) {
        this(site, node, brokerUrl, username, password, dataDir, heartbeatSeconds, beds, counts, tokenKeyId, tokenKey,
                profile, kiosk, null);
    }

    /** The same config with other kiosk settings. */
    public NodeConfig withKiosk(KioskSettings settings) {
        return new NodeConfig(site, node, brokerUrl, username, password, dataDir, heartbeatSeconds, beds, counts,
                tokenKeyId, tokenKey, profile, settings, brokerCa, address, journalDays, name);
    }

    /** The same config with the location's own address (kept on the node only). */
    public NodeConfig withAddress(String localAddress) {
        return new NodeConfig(site, node, brokerUrl, username, password, dataDir, heartbeatSeconds, beds, counts,
                tokenKeyId, tokenKey, profile, kiosk, brokerCa, localAddress, journalDays, name);
    }

    /** The same config with another journal period. */
    public NodeConfig withJournalDays(int days) {
        return new NodeConfig(site, node, brokerUrl, username, password, dataDir, heartbeatSeconds, beds, counts,
                tokenKeyId, tokenKey, profile, kiosk, brokerCa, address, days, name);
    }

    /** The same config with the location's own name (kept on the node only: the kiosk's title). */
    public NodeConfig withName(String localName) {
        return new NodeConfig(site, node, brokerUrl, username, password, dataDir, heartbeatSeconds, beds, counts,
                tokenKeyId, tokenKey, profile, kiosk, brokerCa, address, journalDays, localName);
    }

    /** Never prints the password, the token key or the address: a config may end up in a log line. */
    @Override
    public String toString() {
        return "NodeConfig[site=" + site + ", node=" + node + ", brokerUrl=" + brokerUrl + ", username=" + username
                + ", dataDir=" + dataDir + ", heartbeatSeconds=" + heartbeatSeconds + ", beds=" + beds.size()
                + ", counts=" + counts.size() + ", tokenKeyId=" + tokenKeyId + ", profile=" + profile
                + ", journalDays=" + journalDays + "]";
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

    /**
     * The kiosk page on 127.0.0.1.
     *
     * @param port       HTTP port; 0 picks a free one (tests)
     * @param staffPin   the hashed staff PIN, or {@code null} when none is set (the kiosk then stays locked and says so)
     * @param idleLock   how long the kiosk stays unlocked without a touch
     * @param reader     the pass reader, or {@code null} when none is fitted (staff type the pass number)
     */
    public record KioskSettings(int port, StaffPin staffPin, Duration idleLock, HardwareConfig.ReaderSpec reader) {
        /** The port the kiosk uses when the config does not say, or cannot be read. */
        public static final int DEFAULT_PORT = 8090;

        public KioskSettings {
            Check.between("kioskPort", port, 0, 65_535);
            Check.present("idleLock", idleLock);
            if (idleLock.isNegative() || idleLock.isZero()) {
                throw new IllegalArgumentException("idleLock must be positive");
            }
        }

        public static KioskSettings defaults() {
            return new KioskSettings(DEFAULT_PORT, null, Duration.ofMinutes(3), null);
        }
    }

    /** How the node is operated. */
    public enum Profile {
        KIOSK,
        PANEL
    }
}
