package nl.opvang.hub.monitoring;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import nl.opvang.hub.testkit.HubStoreFixture;
import nl.opvang.sql.Sql;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the ledger asks per check-in and check-out is answered from an index, never by reading every stay of a client
 * or of the table: the ingest ran at a tenth of its speed when it did (docs/PERFORMANCE.md "Monitoring on ingest").
 * Checked on the migrated schema, so a migration that rebuilds {@code monitor_stay} and forgets an index fails here.
 */
class LedgerQueryPlanTest {
    @Test
    void each_question_of_the_ledger_uses_an_index_of_monitor_stay(@TempDir Path data) {
        try (HubStoreFixture hub = new HubStoreFixture(data)) {
            // Each question with the index (and the columns of it) that answers it without reading a client's history.
            Map<String, String> plans = new LinkedHashMap<>();
            plans.put(LedgerStore.HISTORY, "COVERING INDEX monitor_stay_token (token_id=?)");
            plans.put(LedgerStore.END_TOKEN_OPEN, "INDEX monitor_stay_token_open (token_id=?)");
            plans.put(LedgerStore.END_BED_OPEN, "INDEX monitor_stay_open (node=? AND place=?)");
            plans.put(LedgerStore.CHECK_OUT, "INDEX monitor_stay_token_open (token_id=?)");
            // The trigger that unlinks a stay when its check-in's token link is removed (V66), as it runs.
            plans.put("UPDATE monitor_stay SET token_id = NULL WHERE token_id = 7 AND node = 'n' AND session = 's'"
                    + " AND seq = 1", "INDEX monitor_stay_token");
            // What reads ended stays by their last night, with and without a location (V66: open stays left out).
            plans.put("SELECT COUNT(*) FROM monitor_stay WHERE ended IS NOT NULL AND last_night BETWEEN '2026-01-01'"
                    + " AND '2026-02-01'", "INDEX monitor_stay_last (last_night>? AND last_night<?)");
            plans.put("SELECT COUNT(*) FROM monitor_stay WHERE location = 'x' AND ended IS NOT NULL AND last_night"
                    + " BETWEEN '2026-01-01' AND '2026-02-01'", "INDEX monitor_stay_location_last (location=? AND");
            plans.forEach((query, index) -> {
                List<String> steps = hub.database.read(connection -> Sql.list(connection, "EXPLAIN QUERY PLAN " + query,
                        row -> row.getString("detail")));
                assertTrue(steps.stream().anyMatch(step -> step.startsWith("SEARCH monitor_stay USING")
                        && step.contains(index)), query + ": " + steps);
            });
        }
    }
}
