package nl.opvang.sql;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * One connection's {@link Statements}, kept across its transactions: for the single writing connection that runs the
 * same few statements in every ingest transaction, where preparing them again for each transaction costs more than a
 * small batch's statements themselves (docs/PERFORMANCE.md, "CPU per event"). Given another connection (a database
 * opened again), it drops the old statements and keeps new ones. Callers do not close what {@link #on} returns.
 */
public final class KeptStatements {
    private Statements kept;
    private Connection keptFor;

    /** The statements kept for {@code connection}; the caller holds the connection's write lock. */
    public synchronized Statements on(Connection connection) {
        if (connection != keptFor) {
            if (kept != null) {
                try {
                    kept.close();
                } catch (SQLException e) {
                    // The old connection was closed, and its statements with it.
                }
            }
            kept = new Statements(connection);
            keptFor = connection;
        }
        return kept;
    }
}
