package nl.opvang.device.node;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import nl.opvang.sql.Sql;

/**
 * A person's data in this node's own journal (docs/DESIGN.md §5, issue 17): what an access request made at the kiosk
 * shows there (how often checked in and out here, on which days: counts and dates only), and what an erasure request
 * removes once the hub has acknowledged it. Erasure replaces the token in every journal row up to the request, the
 * request included, by a random one (in the hub's refused copies kept in {@code rejection} too): the rows stay, so the journal remains the contiguous run of seqs a restored hub
 * asks for again (§3), but nothing on the Pi links them to the pass any more, and a resend cannot bring the token back
 * to the hub. Runs inside the caller's transaction.
 *
 * @param checkIns  check-ins under the token in the journal
 * @param checkOuts check-outs under the token in the journal
 * @param days      the days (local time) of those events, oldest first, each once
 */
public record LocalStays(int checkIns, int checkOuts, List<LocalDate> days) {
    private static final ZoneId LOCAL = ZoneId.of("Europe/Amsterdam");

    public LocalStays {
        days = List.copyOf(days);
    }

    static LocalStays of(Connection c, String token) throws SQLException {
        List<Object[]> rows = Sql.list(c, """
                SELECT type, created_ms FROM outbox WHERE type IN ('check_in', 'check_out')
                AND json_extract(payload, '$.token') = ? ORDER BY seq""",
                row -> new Object[] {row.getString(1), row.getLong(2)}, token);
        int in = (int) rows.stream().filter(row -> row[0].equals("check_in")).count();
        List<LocalDate> days = rows.stream().map(row -> Instant.ofEpochMilli((Long) row[1]).atZone(LOCAL).toLocalDate())
                .distinct().toList();
        return new LocalStays(in, rows.size() - in, days);
    }

    /** Carries out every erasure request the hub has acknowledged; returns the journal rows changed. */
    static int eraseAcknowledged(Connection c) throws SQLException {
        List<Object[]> erasures = Sql.list(c, """
                SELECT seq, json_extract(payload, '$.token') FROM outbox WHERE type = 'privacy_request'
                AND acked_ms IS NOT NULL AND json_extract(payload, '$.right') = 'erasure'
                AND json_extract(payload, '$.token') NOT LIKE 'x:%'""", row -> new Object[] {row.getLong(1), row.getString(2)});
        int changed = 0;
        for (Object[] erasure : erasures) {
            changed += Sql.update(c, """
                    UPDATE outbox SET payload = json_set(payload, '$.token', 'x:' || lower(hex(randomblob(12))))
                    WHERE seq <= ? AND json_extract(payload, '$.token') = ?""", erasure[0], erasure[1]);
            // A refused copy kept whole for support holds the token too (a row with no readable payload is left).
            changed += Sql.update(c, """
                    UPDATE rejection SET payload = json_set(payload, '$.token', 'x:' || lower(hex(randomblob(12))))
                    WHERE seq <= ? AND CASE WHEN json_valid(payload) THEN json_extract(payload, '$.token') END = ?""",
                    erasure[0], erasure[1]);
        }
        return changed;
    }
}
