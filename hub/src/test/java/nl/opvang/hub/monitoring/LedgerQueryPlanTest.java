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
            plans.put("SELECT EXISTS (SELECT 1 FROM monitor_stay WHERE token_id = 7)", "INDEX monitor_stay_token");
            plans.put("SELECT MAX(out_ms) FROM monitor_stay WHERE token_id = 7", "INDEX monitor_stay_token_out");
            plans.put("SELECT COUNT(*) FROM monitor_stay WHERE token_id = 7 AND in_ms >= 0",
                    "INDEX monitor_stay_token (token_id=? AND in_ms>?)");
            plans.put("UPDATE monitor_stay SET out_ms = 1 WHERE token_id = 7 AND ended IS NULL",
                    "INDEX monitor_stay_token_open");
            plans.put("UPDATE monitor_stay SET out_ms = 1 WHERE node = 'n' AND place = 'p' AND ended IS NULL",
                    "INDEX monitor_stay_open (node=? AND place=?)");
            plans.forEach((query, index) -> {
                List<String> steps = hub.database.read(connection -> Sql.list(connection, "EXPLAIN QUERY PLAN " + query,
                        row -> row.getString("detail")));
                assertTrue(steps.stream().anyMatch(step -> step.startsWith("SEARCH monitor_stay USING")
                        && step.contains(index)), query + ": " + steps);
            });
        }
    }
}
