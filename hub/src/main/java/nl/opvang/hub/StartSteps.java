package nl.opvang.hub;

import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Comparator;
import java.util.stream.Stream;
import nl.opvang.gateway.GatewayConfig;
import nl.opvang.gateway.HubGateway;
import nl.opvang.hub.account.AccountException;
import nl.opvang.hub.account.AccountSetup;
import nl.opvang.hub.account.AccountWeb;
import nl.opvang.hub.audit.AuditAnchors;
import nl.opvang.hub.audit.AuditLog;
import nl.opvang.hub.location.Region;
import nl.opvang.hub.location.RegionFile;
import nl.opvang.hub.location.RegionFileException;
import nl.opvang.hub.location.Registry;
import nl.opvang.hub.ops.EmbeddedBrokerAccess;
import nl.opvang.hub.placement.HoldKey;
import nl.opvang.hub.privacy.PrivacyLog;
import nl.opvang.hub.store.Database;
import nl.opvang.hub.store.StoreException;

/**
 * The start-up steps of {@link HubWiring} that read what the operator gave (flags, data folder, region file) and turn
 * a problem into a {@link ConfigException}: one line naming the problem and the fix (docs/DESIGN.md §2).
 */
final class StartSteps {
    private StartSteps() {
    }

    static Path dataDir(HubConfig config) {
        Path dir = config.data();
        try {
            if (dir == null) {
                dir = config.demo() ? Files.createTempDirectory("opvang-demo") : Path.of("data");
            }
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new ConfigException("cannot create the data folder " + dir + " (" + e.getMessage()
                    + "); choose another with --data");
        }
        if (!Files.isWritable(dir) || !Files.isReadable(dir)) {
            throw new ConfigException("the data folder " + dir + " is not readable and writable; fix its permissions or "
                    + "choose another with --data");
        }
        return dir;
    }

    static Region region(HubConfig config) {
        try {
            Region region = config.region() == null ? RegionFile.resource(RegionFile.SEED) : RegionFile.read(config.region());
            return config.demo() ? region.plus(RegionFile.resource(RegionFile.TEST_LOCATION)) : region;
        } catch (RegionFileException e) {
            throw new ConfigException("bad region file: " + e.getMessage());
        }
    }

    /** The gateway, not yet connected; a broker URL Paho cannot use (say {@code --mqtt-url localhost}) is named. */
    static HubGateway gateway(GatewayConfig config, MeterRegistry metrics, Clock clock) {
        try {
            return HubGateway.create(config, metrics, clock);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(e.getMessage() + "; give --mqtt-url as tcp://host:port or ssl://host:port");
        }
    }

    /** The demo on a fresh data folder of its own (no {@code --data}). */
    private static boolean throwaway(HubConfig config) {
        return config.demo() && config.data() == null;
    }

    /**
     * The demo's fresh data folder (no {@code --data}) is removed when the hub closes, after everything in it has been
     * closed: a demo leaves nothing behind. A folder given with {@code --data} is always kept.
     */
    static AutoCloseable removedOnClose(HubConfig config, Path dataDir) {
        if (!throwaway(config)) {
            return () -> { };
        }
        return () -> {
            try (Stream<Path> files = Files.walk(dataDir)) {
                for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(file);
                }
            }
        };
    }

    static Database database(Path dataDir) {
        try {
            return Database.open(dataDir);
        } catch (StoreException e) {
            if (e.inTheDatabase()) {
                throw new ConfigException(e.getMessage());
            }
            throw new ConfigException(e.getMessage() + "; check that the data folder is writable, or choose another with --data");
        }
    }

    /**
     * The audit chain checked against its head outside the database before anything is written, then anchored after
     * every audit write (docs/DESIGN.md §5, issue 11). A chain that disagrees is reported, never re-anchored.
     */
    static AuditAnchors anchors(HubConfig config, Path dataDir, Database database, AuditLog audit, Clock clock) {
        // The demo's throwaway folder (no --data) keeps its heads out of the log: its start-up would print one per demo
        // account among the welcome, and the folder goes when the demo stops.
        AuditAnchors anchors = new AuditAnchors(AuditAnchors.file(dataDir, config.auditAnchors()), database, audit, clock,
                !throwaway(config));
        try {
            anchors.start();
        } catch (UncheckedIOException e) {
            throw new ConfigException(e.getMessage() + "; check that the anchor file's folder is writable "
                    + "(--audit-anchors, default the data folder)");
        }
        return anchors;
    }

    /** The privacy log, checked before the hub applies it: a missing folder (a disk not mounted) stops the start. */
    static PrivacyLog privacyLog(Path dataDir, Path configured) {
        PrivacyLog log = new PrivacyLog(PrivacyLog.file(dataDir, configured));
        try {
            log.check();
        } catch (UncheckedIOException e) {
            throw new ConfigException(e.getCause().getMessage() + "; check that its folder exists and is writable "
                    + "(--privacy-log, default the data folder)");
        }
        return log;
    }

    static EmbeddedBrokerAccess embeddedAccess(Path dataDir) {
        Path dir = dataDir.resolve("broker");
        try {
            return EmbeddedBrokerAccess.load(dir);
        } catch (IllegalStateException e) {
            throw new ConfigException(e.getMessage() + "; the embedded MQTT broker admits only enrolled nodes: run "
                    + "'java -jar opvang-hub.jar broker-config --data " + dataDir + " --out " + dir + "' and start again,"
                    + " or use Mosquitto with --mqtt-url, or try it out with --demo");
        }
    }

    static HoldKey holdKey(Path dataDir) {
        try {
            return HoldKey.load(dataDir);
        } catch (UncheckedIOException | IllegalStateException e) {
            throw new ConfigException(e.getMessage() + "; check the data folder given with --data");
        }
    }

    static AccountSetup.Outcome accountSetup(HubConfig config, AccountWeb accounts, Registry registry) {
        try {
            return AccountSetup.prepare(accounts.accounts(), registry, config.adminPassword());
        } catch (AccountException e) {
            throw new ConfigException("--admin-password: " + e.getMessage() + " (choose a longer, less guessable password)");
        }
    }
}
