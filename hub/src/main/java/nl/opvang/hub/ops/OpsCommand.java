package nl.opvang.hub.ops;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import nl.opvang.hub.audit.AuditAnchors;
import nl.opvang.hub.audit.AuditLog;
import nl.opvang.hub.location.Location;
import nl.opvang.hub.location.NodeSpec;
import nl.opvang.hub.location.Region;
import nl.opvang.hub.location.RegionFile;
import nl.opvang.hub.location.Registry;
import nl.opvang.hub.retention.Retention;
import nl.opvang.hub.store.Database;
import nl.opvang.hub.store.StoreException;

/**
 * The hub jar's operator subcommands (docs/PRODUCTION.md): {@code broker-config}, {@code backup}, {@code restore},
 * {@code retention} and {@code forget-token}. They work on the data folder, not on a running hub; {@code backup},
 * {@code retention} and {@code forget-token} are safe while the hub runs, {@code restore} is not. {@code region-convert}
 * turns a region file of the old line format into the YAML of docs/DESIGN.md §7.
 */
public final class OpsCommand {
    /** Who the audit log names for a subcommand: the operator at the hub's console. */
    static final String OPERATOR = "ops";
    public static final String USAGE = """
            Usage: java -jar opvang-hub.jar broker-config --data FOLDER --out FOLDER [--revoke NODE]... [--rotate NODE|opvang-hub]...
                   java -jar opvang-hub.jar backup --data FOLDER --to FILE
                   java -jar opvang-hub.jar restore --from FILE --data FOLDER [--audit-anchors FILE]   (stop the hub first)
                   java -jar opvang-hub.jar retention --data FOLDER --older-than-days DAYS [--audit-anchors FILE]
                   java -jar opvang-hub.jar forget-token --data FOLDER --token TOKEN [--audit-anchors FILE]
                   java -jar opvang-hub.jar region-convert --from OLD.region --to NEW.yaml
            --audit-anchors: the hub's anchor file when it is not audit-anchors.txt in the data folder""";

    private final PrintStream out;
    private final PrintStream err;
    private final Clock clock;

    /** {@code clock} dates what a subcommand writes: audit entries, anchors, the folder a restore sets aside. */
    public OpsCommand(PrintStream out, PrintStream err, Clock clock) {
        this.out = out;
        this.err = err;
        this.clock = clock;
    }

    /** Whether {@code args} start with one of these subcommands. */
    public static boolean isCommand(String[] args) {
        return args.length > 0
                && List.of("broker-config", "backup", "restore", "retention", "forget-token", "region-convert").contains(args[0]);
    }

    /** Runs the subcommand; returns the exit code (0 done, 1 failed, 2 used wrongly). */
    public int run(String[] args) {
        try {
            Map<String, List<String>> options = options(args);
            switch (args[0]) {
                case "broker-config" -> brokerConfig(options);
                case "backup" -> backup(options);
                case "retention" -> retention(options);
                case "forget-token" -> forgetToken(options);
                case "region-convert" -> regionConvert(options);
                default -> restore(options);
            }
            return 0;
        } catch (UsageException e) {
            err.println("opvang-hub " + args[0] + ": " + e.getMessage());
            err.println(USAGE);
            return 2;
        } catch (RuntimeException e) {
            err.println("opvang-hub " + args[0] + ": " + e.getMessage());
            return 1;
        }
    }

    private void brokerConfig(Map<String, List<String>> options) {
        Path data = existingDatabase(one(options, "data")).getParent();
        List<NodeSpec> nodes = new ArrayList<>();
        try (Database database = Database.open(data)) {
            for (Location location : Registry.load(database, "-").locations()) {
                nodes.addAll(location.nodes());
            }
        } catch (StoreException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
        Path outDir = Path.of(one(options, "out"));
        Set<String> revoke = new TreeSet<>(options.getOrDefault("revoke", List.of()));
        Set<String> rotate = new TreeSet<>(options.getOrDefault("rotate", List.of()));
        BrokerConfig.Generated generated = new BrokerConfig(outDir, MosquittoPasswd.find()).generate(nodes, revoke, rotate);
        out.println("wrote " + generated.passwordFile() + " and " + generated.aclFile() + " for " + nodes.size() + " nodes");
        if (!generated.created().isEmpty()) {
            out.println("new passwords for " + String.join(", ", generated.created()) + " in "
                    + outDir.resolve(BrokerConfig.CREDENTIALS_FOLDER) + " (install them, then delete the files)");
        }
        if (!generated.removed().isEmpty()) {
            out.println("removed " + String.join(", ", generated.removed()));
        }
        if (!generated.revoked().isEmpty()) {
            out.println("revoked nodes: " + String.join(", ", generated.revoked()));
        }
        out.println("now reload the broker: systemctl reload mosquitto (the hub's embedded broker reads them again by itself)");
    }

    private void backup(Map<String, List<String>> options) {
        Path database = existingDatabase(one(options, "data"));
        Backup.Report report = Backup.create(database, Path.of(one(options, "to")));
        out.println("backup " + report.file() + " (" + report.bytes() + " bytes, integrity " + report.integrity() + ", rows "
                + report.rows() + ")");
    }

    private void restore(Map<String, List<String>> options) {
        Path aside = Backup.restore(Path.of(one(options, "from")), Path.of(one(options, "data")), clock);
        out.println("restored " + one(options, "from") + " into " + one(options, "data")
                + (aside == null ? "" : "; the replaced files are in " + aside));
        recordRestoreInAuditAnchors(options);
        // The key and the anchors are kept apart from backups on purpose (docs/PRODUCTION.md §6).
        if (!Files.exists(Path.of(one(options, "data")).resolve("hold-key"))) {
            out.println("warning: no hold-key in " + one(options, "data") + ": put the hold-key you keep apart from the "
                    + "backups there before starting the hub, or the instructions of its holds cannot be read");
        }
        out.println("start the hub: the nodes send what the backup lacks from their journals; what they no longer hold is "
                + "listed on /admin under \"Verloren gebeurtenissen\"");
    }

    /**
     * The restored chain is shorter than the anchors outside the database, as a cut head would be: the restore says
     * so in the anchor file ({@link AuditAnchors#recordRestore}), so that the hub starts clean on it, and the audit log
     * records which anchored entries the restore lost.
     */
    private void recordRestoreInAuditAnchors(Map<String, List<String>> options) {
        Path data = Path.of(one(options, "data"));
        Path anchorFile = AuditAnchors.file(data, optional(options, "audit-anchors"));
        try (Database database = Database.open(data)) {
            AuditLog.Verification result = AuditAnchors.recordRestore(anchorFile, database, clock,
                    Path.of(one(options, "from")).getFileName().toString());
            out.println(result.intact() ? "audit anchors: the restore is recorded in " + anchorFile
                    : "audit anchors: the restore is recorded in " + anchorFile + ", but the restored audit log disagrees "
                    + "with the anchors up to its own head (" + AuditAnchors.describe(result) + "); the hub will report it");
        }
    }

    /** Anchors the audit entries an offline subcommand writes, as the hub does. */
    private void anchorAuditWrites(Database database, Map<String, List<String>> options) {
        Path data = Path.of(one(options, "data"));
        new AuditAnchors(AuditAnchors.file(data, optional(options, "audit-anchors")), database, new AuditLog(clock), clock)
                .start();
    }

    private void retention(Map<String, List<String>> options) {
        String days = one(options, "older-than-days");
        Duration period;
        try {
            period = Duration.ofDays(Integer.parseInt(days));
        } catch (NumberFormatException e) {
            throw new UsageException("--older-than-days must be a whole number of days, not '" + days + "'");
        }
        if (period.isNegative() || period.isZero()) {
            throw new UsageException("--older-than-days must be at least 1");
        }
        Path data = existingDatabase(one(options, "data")).getParent();
        try (Database database = Database.open(data)) {
            anchorAuditWrites(database, options);
            Retention.Result result = retention(database).reduceOlderThan(period, OPERATOR);
            out.println("retention: unlinked " + result.unlinked() + " events older than " + days + " days, deleted "
                    + result.tokensDeleted() + " tokens; anonymous counts kept");
        }
    }

    private void forgetToken(Map<String, List<String>> options) {
        Path data = existingDatabase(one(options, "data")).getParent();
        try (Database database = Database.open(data)) {
            anchorAuditWrites(database, options);
            Retention.Result result = retention(database).forget(one(options, "token"), OPERATOR);
            out.println(result.tokensDeleted() == 0 ? "forget-token: no such token; nothing was linked to it"
                    : "forget-token: unlinked " + result.unlinked() + " events and deleted the token");
        }
    }

    /** Retention as the hub runs it, its audit entries in the audit log of the data folder's database. */
    private Retention retention(Database database) {
        return new Retention(database, new AuditLog(clock), clock);
    }

    /** Writes the old region file as YAML, once the hub's own reader accepts the result; never over an existing file. */
    private void regionConvert(Map<String, List<String>> options) {
        Path from = Path.of(one(options, "from"));
        Path to = Path.of(one(options, "to"));
        if (Files.exists(to)) {
            throw new IllegalStateException(to + " exists already; choose another --to");
        }
        try {
            String yaml = RegionConversion.convert(from.toString(), Files.readAllLines(from, StandardCharsets.UTF_8));
            Region region = RegionFile.parse(to.toString(), yaml);
            Files.writeString(to, yaml, StandardCharsets.UTF_8, StandardOpenOption.CREATE_NEW);
            out.println("wrote " + to + ": region " + region.code() + " with " + region.locations().size()
                    + " locations; start the hub with --region " + to);
        } catch (IOException e) {
            throw new UncheckedIOException(e.getMessage(), e);
        } catch (IllegalArgumentException e) {
            // The old file has a fault the old reader refused too; the message names its line.
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    private static Path existingDatabase(String data) {
        Path database = Path.of(data).resolve(Backup.DATABASE_FILE);
        if (!Files.isRegularFile(database)) {
            throw new IllegalStateException("no " + Backup.DATABASE_FILE + " in " + data
                    + "; give the hub's data folder (start the hub once to create it)");
        }
        return database;
    }

    private static Map<String, List<String>> options(String[] args) {
        Map<String, List<String>> options = new LinkedHashMap<>();
        for (int i = 1; i < args.length; i++) {
            if (!args[i].startsWith("--") || i + 1 >= args.length) {
                throw new UsageException("unexpected argument '" + args[i] + "'");
            }
            options.computeIfAbsent(args[i].substring(2), key -> new ArrayList<>()).add(args[++i]);
        }
        return options;
    }

    private static String one(Map<String, List<String>> options, String name) {
        List<String> values = options.get(name);
        if (values == null || values.size() != 1) {
            throw new UsageException("needs --" + name + " once");
        }
        return values.get(0);
    }

    private static Path optional(Map<String, List<String>> options, String name) {
        List<String> values = options.get(name);
        if (values != null && values.size() != 1) {
            throw new UsageException("--" + name + " at most once");
        }
        return values == null ? null : Path.of(values.get(0));
    }

    /** The command line is wrong: exit code 2 with the usage. */
    private static final class UsageException extends RuntimeException {
        UsageException(String message) {
            super(message);
        }
    }
}
