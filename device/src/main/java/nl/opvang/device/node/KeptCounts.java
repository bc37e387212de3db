package nl.opvang.device.node;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Optional;
import nl.opvang.sql.Sql;

/**
 * The {@code hub_counts} table (V6): the hub's last summary of free places in the region, kept whole, so that the
 * kiosk can list the other locations and their phone numbers while the hub is unreachable, also after a restart
 * (issue 15 item 11). Counts, names and phone numbers only: nothing of this location's guests.
 */
final class KeptCounts {
    private KeptCounts() {
    }

    /** Replaces the kept summary with {@code payload}, received at {@code receivedMs}. */
    static Void keep(Connection c, byte[] payload, long receivedMs) throws SQLException {
        Sql.update(c, "INSERT OR REPLACE INTO hub_counts (id, received_ms, payload) VALUES (1, ?, ?)", receivedMs,
                new String(payload, StandardCharsets.UTF_8));
        return null;
    }

    /** The kept summary's JSON, if the hub ever sent one. */
    static Optional<byte[]> latest(Connection c) throws SQLException {
        return Sql.first(c, "SELECT payload FROM hub_counts WHERE id = 1",
                row -> row.getString("payload").getBytes(StandardCharsets.UTF_8));
    }
}
