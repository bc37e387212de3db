package nl.opvang.hub.placement;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * Another feature that follows holds it made (the waiting list, docs/DESIGN.md §4), told inside the transaction that
 * writes the change, so that the hold and what depends on it never disagree. Registered with
 * {@link HoldService#follow}; placement knows this interface only, never the follower's package (no package cycle).
 */
public interface HoldFollower {
    /**
     * The hold left {@code requested}/{@code accepted}: fulfilled by a check-in, refused, expired or cancelled;
     * {@code actor} as the audit log names who did it (an account, {@code node:…}, {@code system}).
     */
    void ended(Connection c, Hold hold, String actor) throws SQLException;

    /** Links a new hold to the follower's own row, in the transaction that creates the hold. */
    @FunctionalInterface
    interface Link {
        void created(Connection c, Hold hold) throws SQLException;
    }
}
