package nl.opvang.hub.retention;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import nl.opvang.sql.Sql;

/**
 * What the retention run removes besides the token links (docs/DESIGN.md §5, the {@link RetentionTable} lines whose
 * {@code where} names {@link Retention}): ended holds and closed waiting-list entries older than their period,
 * instructions an ended hold still carries, expired sessions, and login records past the login throttle's use. Raw SQL
 * on the tables of {@code placement}, {@code waitlist} and {@code account}, as {@link RetentionStore} works on the
 * ingest's {@code event}: retention imports none of those features. Run inside the caller's transaction.
 */
final class SweepStore {
    private static final String ENDED = "state NOT IN ('requested', 'accepted')";

    private SweepStore() {
    }

    /** How many rows of each kind one run removed (instructions: cleared). No personal data, counts only. */
    record Swept(int holds, int referrals, int instructions, int waitlist, int sessions, int loginFailures,
                 int loginAddresses) {
        boolean any() {
            return holds + referrals + instructions + waitlist + sessions + loginFailures + loginAddresses > 0;
        }

        /** The audit detail: counts per kind. */
        String detail() {
            return "deleted " + holds + " ended holds, " + referrals + " ended referrals, " + waitlist
                    + " closed waiting-list entries, " + sessions + " expired sessions, " + loginFailures
                    + " failed logins, " + loginAddresses + " login addresses; cleared " + instructions + " instructions of ended holds";
        }
    }

    static Swept sweep(Connection connection, Instant now, RetentionPeriods periods) throws SQLException {
        long nowMs = now.toEpochMilli();
        // A hold ends its instructions itself (HoldStore); this catches any an older hub or a crash left behind.
        int instructions = Sql.update(connection, "UPDATE hold SET instructions = NULL WHERE instructions IS NOT NULL AND "
                + ENDED);
        // Waiting-list entries first: a closed entry names its last hold, which can go only once the entry has.
        int waitlist = Sql.update(connection, "DELETE FROM waitlist_entry WHERE state = 'closed' AND closed_ms < ?",
                before(now, periods.waitlistDays()));
        // Referrals before holds, for the same reason: an ended referral names the hold the desk made.
        int referrals = Sql.update(connection, "DELETE FROM referral WHERE state IN ('refused', 'withdrawn', 'ended')"
                + " AND created_ms < ?", before(now, periods.holdsDays()));
        int holds = Sql.update(connection, "DELETE FROM hold WHERE " + ENDED + " AND created_ms < ?"
                + " AND NOT EXISTS (SELECT 1 FROM waitlist_entry w WHERE w.hold = hold.id)"
                + " AND NOT EXISTS (SELECT 1 FROM referral r WHERE r.hold = hold.id)", before(now, periods.holdsDays()));
        int sessions = Sql.update(connection, "DELETE FROM account_session WHERE expires_ms < ?", nowMs);
        int failures = Sql.update(connection, "DELETE FROM login_failure WHERE at_ms < ?",
                now.minus(Duration.ofHours(RetentionTable.LOGIN_FAILURE_HOURS)).toEpochMilli());
        int addresses = Sql.update(connection, "DELETE FROM login_address WHERE last_ok_ms < ?",
                before(now, RetentionTable.LOGIN_ADDRESS_DAYS));
        return new Swept(holds, referrals, instructions, waitlist, sessions, failures, addresses);
    }

    private static long before(Instant now, int days) {
        return now.minus(Duration.ofDays(days)).toEpochMilli();
    }
}
