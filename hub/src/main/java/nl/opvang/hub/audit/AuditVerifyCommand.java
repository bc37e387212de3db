package nl.opvang.hub.audit;

import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import nl.opvang.hub.store.Database;
import nl.opvang.hub.store.StoreException;

/**
 * {@code java -jar opvang-hub.jar audit-verify --data DIR [--anchor FILE]} (docs/DESIGN.md §5): recomputes the audit
 * chain, checks it against the anchor file ({@code DIR/audit-anchors.txt} unless {@code --anchor} names another; see
 * {@link AuditAnchors}) and names the first entry that does not fit: a changed entry, a rewritten one, or a head cut
 * off below the last anchor. A missing anchor file while the log holds entries is a failure too. Exit 0 intact, 1
 * broken, 2 when it could not check.
 */
public final class AuditVerifyCommand {
    /** The first argument that selects this command. */
    public static final String NAME = "audit-verify";

    private AuditVerifyCommand() {
    }

    /** Runs the command with the arguments after its name; returns the exit code. */
    public static int run(List<String> args, PrintStream out, PrintStream err) {
        Path data = null;
        Path anchorFile = null;
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if ((arg.equals("--data") || arg.equals("--anchor")) && i + 1 < args.size()) {
                Path value = Path.of(args.get(++i));
                if (arg.equals("--data")) {
                    data = value;
                } else {
                    anchorFile = value;
                }
            } else {
                return usage(err, "unknown or incomplete argument '" + arg + "'");
            }
        }
        if (data == null) {
            return usage(err, "--data is missing");
        }
        if (!Files.isRegularFile(data.resolve("hub.db"))) {
            err.println(NAME + ": no hub database in " + data + "; give the hub's data folder with --data");
            return 2;
        }
        boolean defaultAnchors = anchorFile == null;
        Path anchors = defaultAnchors ? data.resolve(AuditAnchors.FILE_NAME) : anchorFile;
        if (!defaultAnchors && !Files.isRegularFile(anchors)) {
            err.println(NAME + ": the anchor file " + anchors + " does not exist");
            return 2;
        }
        try (Database database = Database.open(data)) {
            AuditLog.Verification result = new AuditAnchors(anchors, database, new AuditLog(Clock.systemUTC()),
                    Clock.systemUTC()).check();
            if (!result.intact()) {
                out.println(result.firstBroken() == null ? "audit log cannot be checked: " + result.problem()
                        : "audit log broken at entry " + result.firstBroken() + ": " + result.problem());
                return 1;
            }
            AuditLog log = new AuditLog(Clock.systemUTC());
            String head = log.head(database).map(entry -> entry.seq() + " " + entry.hash()).orElse("0 " + AuditLog.GENESIS);
            out.println("audit log intact: " + result.entries() + " entries, head " + head);
            out.println(Files.isRegularFile(anchors) ? AuditAnchors.anchors(anchors).size() + " anchors checked from " + anchors
                    : "no anchors checked (" + anchors + " not found, and the log is empty)");
            return 0;
        } catch (StoreException | UncheckedIOException | IllegalArgumentException e) {
            err.println(NAME + ": " + e.getMessage());
            return 2;
        }
    }

    private static int usage(PrintStream err, String problem) {
        err.println(NAME + ": " + problem + "; usage: java -jar opvang-hub.jar " + NAME + " --data DIR [--anchor FILE]");
        return 2;
    }
}
