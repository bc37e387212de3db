package nl.opvang.hub.audit;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import nl.opvang.hub.store.Database;

/**
 * The append-only, hash-chained audit log (docs/DESIGN.md §5): every change and every read of secret-location details.
 * Each entry's hash covers the previous entry's hash and its own fields, so changing or removing any entry breaks the
 * chain from there on; the database refuses updates and deletes; and once committed, the head is written outside the
 * database ({@link AuditAnchors}: an append-only file and the log), so that a cut or rewritten head, or a rewrite of
 * the whole chain, is detected against what was anchored. Entries hold no personal data of clients.
 */
public final class AuditLog {
    /** The hash before the first entry. */
    static final String GENESIS = "0".repeat(64);
    /**
     * The head appended by this thread's open transaction, and on which connection; {@link AuditAnchors} takes it when
     * the transaction ends. Per thread because a write transaction runs on one thread, under the database's write lock,
     * whichever {@code AuditLog} instance appended.
     */
    private static final ThreadLocal<Appended> APPENDED = new ThreadLocal<>();

    private record Appended(Connection connection, Entry head) {
    }

    private final Clock clock;

    public AuditLog(Clock clock) {
        this.clock = clock;
    }

    /** One entry: {@code actor} is an account name or {@code system}; {@code subject} what it is about (a hold, a site). */
    public record Entry(long seq, long atMs, String actor, String action, String subject, String detail, String prevHash,
                        String hash) {
    }

    /**
     * Appends an entry inside the caller's transaction, so that the change and its audit entry commit together.
     * Returns the new head.
     */
    public Entry append(Connection connection, String actor, String action, String subject, String detail)
            throws SQLException {
        Optional<Entry> last = AuditStore.head(connection);
        long seq = last.map(Entry::seq).orElse(0L) + 1;
        String prev = last.map(Entry::hash).orElse(GENESIS);
        long at = clock.millis();
        String hash = hash(prev, seq, at, actor, action, subject, detail);
        Entry entry = new Entry(seq, at, actor, action, subject, detail, prev, hash);
        AuditStore.insert(connection, entry);
        APPENDED.set(new Appended(connection, entry));
        return entry;
    }

    /**
     * The newest entry this thread appended on {@code connection} since the last call, if any; forgets it either way.
     * Called when a transaction ends, so that only a committed head is anchored.
     */
    static Optional<Entry> takeAppended(Connection connection) {
        Appended appended = APPENDED.get();
        if (appended == null) {
            return Optional.empty();
        }
        APPENDED.remove();
        return appended.connection() == connection ? Optional.of(appended.head()) : Optional.empty();
    }

    /** The latest entry, if any. */
    public Optional<Entry> head(Database database) {
        return database.read(AuditStore::head);
    }

    /** The newest entries first, at most {@code limit}; only those of {@code action} unless it is {@code null}. */
    public List<Entry> entries(Database database, String action, int limit) {
        return database.read(connection -> AuditStore.newest(connection, action, limit));
    }

    /** The result of {@link #verify}: intact, or the first entry that does not fit the chain and why. */
    public record Verification(boolean intact, long entries, Long firstBroken, String problem) {
    }

    /**
     * Recomputes the chain from the start. When {@code anchorSeq}/{@code anchorHash} are given (from a log line or an
     * anchor file), the entry at that seq must still carry that hash.
     */
    public Verification verify(Database database, Long anchorSeq, String anchorHash) {
        return verify(database, anchorSeq == null ? List.of() : List.of(new Anchor(null, anchorSeq, anchorHash)));
    }

    /**
     * A head written outside the database (docs/DESIGN.md §5, {@link AuditAnchors}): the entry {@code seq} had {@code
     * hash} when {@code written} (the time as the anchor file gives it; {@code null} when unknown). Seq 0 anchors the
     * empty log.
     */
    public record Anchor(String written, long seq, String hash) {
        public Anchor {
            if (seq < 0 || hash == null || !hash.matches("[0-9a-f]{64}")) {
                throw new IllegalArgumentException("an anchor is a seq of 0 or more and a SHA-256 hash in hex");
            }
        }
    }

    /**
     * Recomputes the chain from the start and checks every anchor: the entry at each anchored seq must still carry
     * the anchored hash, so a chain rewritten from the start, however consistent, is caught at the first anchor it
     * passes. Names the first entry that does not fit.
     */
    public Verification verify(Database database, Collection<Anchor> anchors) {
        Map<Long, List<Anchor>> bySeq = new HashMap<>();
        long highestAnchored = 0;
        for (Anchor anchor : anchors) {
            bySeq.computeIfAbsent(anchor.seq(), seq -> new ArrayList<>()).add(anchor);
            highestAnchored = Math.max(highestAnchored, anchor.seq());
        }
        long highest = highestAnchored;
        for (Anchor anchor : bySeq.getOrDefault(0L, List.of())) {
            if (!anchor.hash().equals(GENESIS)) {
                return new Verification(false, 0, 0L, "the anchor" + dated(anchor) + " for the empty log is wrong");
            }
        }
        Walk walk = new Walk(bySeq);
        database.read(connection -> {
            AuditStore.fromStart(connection, walk::fits);
            return null;
        });
        if (walk.broken != null) {
            return walk.broken;
        }
        if (highest >= walk.expectedSeq) {
            String gone = highest == walk.expectedSeq ? "entry " + highest + " is gone"
                    : "entries " + walk.expectedSeq + " to " + highest + " are gone";
            return new Verification(false, walk.count, walk.expectedSeq, gone + ": the anchor file names entry " + highest
                    + "; the chain's head was cut");
        }
        return new Verification(true, walk.count, null, null);
    }

    /** The chain walked from the start, one entry at a time; stops at the first entry that does not fit. */
    private static final class Walk {
        private final Map<Long, List<Anchor>> bySeq;
        private String prev = GENESIS;
        private long expectedSeq = 1;
        private long count;
        private Verification broken;

        Walk(Map<Long, List<Anchor>> bySeq) {
            this.bySeq = bySeq;
        }

        boolean fits(Entry entry) {
            count++;
            if (entry.seq() != expectedSeq) {
                broken = new Verification(false, count, expectedSeq, "entry " + expectedSeq + " is missing");
                return false;
            }
            if (!entry.prevHash().equals(prev)) {
                broken = new Verification(false, count, entry.seq(), "does not follow the previous entry");
                return false;
            }
            String recomputed = hash(prev, entry.seq(), entry.atMs(), entry.actor(), entry.action(), entry.subject(),
                    entry.detail());
            if (!recomputed.equals(entry.hash())) {
                broken = new Verification(false, count, entry.seq(), "its content was changed");
                return false;
            }
            for (Anchor anchor : bySeq.getOrDefault(entry.seq(), List.of())) {
                if (!entry.hash().equals(anchor.hash())) {
                    broken = new Verification(false, count, entry.seq(), "differs from the anchor" + dated(anchor)
                            + " written outside the database: the chain was rewritten");
                    return false;
                }
            }
            prev = entry.hash();
            expectedSeq++;
            return true;
        }
    }

    private static String dated(Anchor anchor) {
        return anchor.written() == null ? "" : " of " + anchor.written();
    }

    static String hash(String prev, long seq, long atMs, String actor, String action, String subject, String detail) {
        String material = String.join("\u001f", prev, Long.toString(seq), Long.toString(atMs), actor, action,
                String.valueOf(subject), String.valueOf(detail));
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(digest.digest(material.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
