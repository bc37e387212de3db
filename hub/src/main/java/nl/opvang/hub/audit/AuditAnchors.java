package nl.opvang.hub.audit;

import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import nl.opvang.hub.store.Database;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The audit chain's head, written outside the database after every audit write (docs/DESIGN.md §5; issue 11 item 8):
 * one line
 * {@code <time> <seq> <hash>} per committed write, appended to an append-only file and fsync'd, and the same head in
 * the log ({@code audit anchor <seq> <hash>}). Someone with the database file can delete the newest entries (a
 * break-glass read) or rewrite them with fitting hashes; the chain in the database then still verifies, but it no
 * longer reaches, or no longer matches, the last line here.
 *
 * <p>At start the hub {@link #start checks} the chain against the file. A chain that disagrees (cut, rewritten, or the
 * file missing while the database holds entries) is reported (metric, {@code /health}, the admins' audit page, one log
 * line) and nothing more is anchored: re-anchoring would make the forged head the new truth. The hub keeps serving.
 *
 * <p>A legitimate restore from backup also shortens the chain. {@link #recordRestore} is how the restore says so: a
 * line {@code <time> restore <seq> <hash>} supersedes the anchors above the restored head (those entries were lost with
 * the restore, which the audit log then records), while every anchor up to it must still match.
 */
public final class AuditAnchors {
    /** The file's name in the data folder, its default place beside {@code hub.db}. */
    public static final String FILE_NAME = "audit-anchors.txt";
    /** The action of the audit entry that records a restore. */
    public static final String RESTORE = "audit.restore";
    private static final Logger LOG = LoggerFactory.getLogger(AuditAnchors.class);

    private final Path file;
    private final Database database;
    private final Clock clock;
    private final AuditLog log;
    private final boolean logHeads;
    private volatile AuditLog.Verification state;

    public AuditAnchors(Path file, Database database, AuditLog log, Clock clock) {
        this(file, database, log, clock, true);
    }

    /**
     * As above; {@code logHeads} false leaves each head out of the log (the demo: a throwaway data folder, whose
     * start-up would otherwise print a head per demo account among its welcome). The file is written all the same.
     */
    public AuditAnchors(Path file, Database database, AuditLog log, Clock clock, boolean logHeads) {
        this.file = file;
        this.database = database;
        this.clock = clock;
        this.log = log;
        this.logHeads = logHeads;
    }

    /** The anchor file in {@code dataDir} unless {@code configured} names another. */
    public static Path file(Path dataDir, Path configured) {
        return configured != null ? configured : dataDir.resolve(FILE_NAME);
    }

    public Path file() {
        return file;
    }

    /**
     * Checks the chain against the anchor file and from then on anchors every committed audit write. When the chain
     * agrees, its current head is anchored (unless the file already ends with it, or the log is empty); when it does
     * not, the problem is
     * logged once and kept for {@link #broken()}, and nothing is anchored until an operator has dealt with it.
     *
     * @throws UncheckedIOException when the anchor file cannot be written
     */
    public AuditLog.Verification start() {
        AuditLog.Verification result = check();
        state = result;
        database.onTransactionEnd(this::transactionEnded);
        if (result.intact()) {
            AuditLog.Anchor head = head();
            Optional<AnchorFile.Line> last = lastLine();
            // An empty log has nothing to anchor (every anchor file agrees with it); its first entry makes the file.
            boolean anchored = last.isPresent() && last.get().anchor().hash().equals(head.hash());
            if (head.seq() > 0 && !anchored) {
                append(head.seq() + " " + head.hash());
            }
        } else {
            LOG.error("AUDIT CHAIN DISAGREES WITH ITS ANCHORS in {}: {}; the hub serves on but anchors nothing until this "
                    + "is checked (java -jar opvang-hub.jar audit-verify, docs/PRODUCTION.md)", file, describe(result));
        }
        return result;
    }

    /** Whether the start check found the chain disagreeing with its anchors. */
    public boolean broken() {
        AuditLog.Verification current = state;
        return current != null && !current.intact();
    }

    /** What the start check found, once it ran. */
    public Optional<AuditLog.Verification> state() {
        return Optional.ofNullable(state);
    }

    /** Compares the chain in the database with the anchor file, without writing anything. */
    public AuditLog.Verification check() {
        long entries = log.head(database).map(AuditLog.Entry::seq).orElse(0L);
        List<AuditLog.Anchor> anchors = List.of();
        if (Files.exists(file)) {
            try {
                anchors = AnchorFile.effective(AnchorFile.read(file));
            } catch (IllegalArgumentException e) {
                return new AuditLog.Verification(false, entries, null, e.getMessage());
            }
        }
        if (anchors.isEmpty() && entries > 0) {
            // Deleting or emptying the file must not be a way to make any chain acceptable.
            return new AuditLog.Verification(false, entries, null, "the anchor file " + file
                    + (Files.exists(file) ? " holds no anchor" : " is missing") + " while the database holds " + entries
                    + " entries: nothing shows where the chain's head was");
        }
        return log.verify(database, anchors);
    }

    private void transactionEnded(Connection connection, boolean committed) {
        Optional<AuditLog.Entry> appended = AuditLog.takeAppended(connection);
        if (!committed || appended.isEmpty()) {
            return;
        }
        AuditLog.Entry head = appended.get();
        if (broken()) {
            LOG.warn("audit head {} {} not anchored: the chain disagrees with the anchors in {}", head.seq(), head.hash(), file);
            return;
        }
        try {
            append(head.seq() + " " + head.hash());
        } catch (RuntimeException e) {
            // The entry is committed; an anchor that could not be written leaves the file behind the chain, which the
            // start check accepts (only a chain behind or unlike its anchors is wrong). Loud, but not fatal.
            LOG.error("audit head {} {} could not be anchored in {}: {}", head.seq(), head.hash(), file, e.getMessage());
        }
    }

    /**
     * Records a restore from backup (called by the ops {@code restore} command, after the backup is in place, the hub
     * stopped): a {@code restore} line with the restored head, so that the anchors above it no longer count, then the
     * usual start check, and when the restored chain agrees with every anchor up to its head, an audit entry
     * {@value #RESTORE} naming the entries the restore lost (anchored again at once). A backup whose chain disagrees
     * with the anchors up to its own head is not accepted by this: its problem is returned, and the hub will report it.
     * A restore keeps the live anchor file (it is the evidence of what the chain held before): a copy of the anchors
     * carried in a backup belongs in its place only when the live file is lost with the machine.
     *
     * @param source what was restored (the backup file's name), for the audit entry
     */
    public static AuditLog.Verification recordRestore(Path file, Database database, Clock clock, String source) {
        AuditAnchors anchors = new AuditAnchors(file, database, new AuditLog(clock), clock);
        long anchoredBefore = 0;
        if (Files.exists(file)) {
            for (AuditLog.Anchor anchor : AnchorFile.effective(AnchorFile.read(file))) {
                anchoredBefore = Math.max(anchoredBefore, anchor.seq());
            }
        }
        AuditLog.Anchor restored = anchors.head();
        anchors.append(AnchorFile.RESTORE_WORD + " " + restored.seq() + " " + restored.hash());
        LOG.warn("audit anchors: restore of {} recorded in {}; the chain restarts from entry {} {}", source, file,
                restored.seq(), restored.hash());
        AuditLog.Verification result = anchors.start();
        if (result.intact()) {
            String lost = anchoredBefore > restored.seq()
                    ? "; entries " + (restored.seq() + 1) + " to " + anchoredBefore + " are not in the backup"
                    : "; no anchored entry was lost";
            database.transaction(connection -> anchors.log.append(connection, "ops", RESTORE, null,
                    "restored from " + source + " up to entry " + restored.seq() + lost));
        }
        return result;
    }

    private AuditLog.Anchor head() {
        return log.head(database).map(entry -> new AuditLog.Anchor(null, entry.seq(), entry.hash()))
                .orElseGet(() -> new AuditLog.Anchor(null, 0, AuditLog.GENESIS));
    }

    private Optional<AnchorFile.Line> lastLine() {
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        List<AnchorFile.Line> lines = AnchorFile.read(file);
        return lines.isEmpty() ? Optional.empty() : Optional.of(lines.get(lines.size() - 1));
    }

    /** Appends one line with the time in front (see {@link AnchorFile#append}) and logs it. */
    private synchronized void append(String rest) {
        AnchorFile.append(file, clock.instant() + " " + rest);
        if (logHeads) {
            LOG.info("audit anchor {}", rest);
        }
    }

    /** The anchors that hold in {@code file}, restores applied. */
    public static List<AuditLog.Anchor> anchors(Path file) {
        return AnchorFile.effective(AnchorFile.read(file));
    }

    /** One line for logs and pages: where the chain stops fitting and why. */
    public static String describe(AuditLog.Verification result) {
        return result.firstBroken() == null ? result.problem()
                : "broken at entry " + result.firstBroken() + ": " + result.problem();
    }
}
