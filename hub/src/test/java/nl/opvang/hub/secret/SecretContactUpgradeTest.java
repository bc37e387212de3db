package nl.opvang.hub.secret;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import nl.opvang.hub.Hub;
import nl.opvang.hub.HubConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 11 item 10, the upgrade: a hub whose database holds a secret location's contact as free text (as every hub
 * before it did) removes that text when it starts, and keeps only that an admin must enter it again.
 */
class SecretContactUpgradeTest {
    @TempDir
    Path hubData;

    @Test
    void a_hub_started_on_old_free_text_keeps_none_of_it() throws Exception {
        HubConfig config = HubConfig.builder().demo(true).loopbackAnyPorts().data(hubData).build();
        Hub.start(config, Clock.systemUTC()).close();
        try (Connection db = DriverManager.getConnection("jdbc:sqlite:" + hubData.resolve("hub.db"));
             Statement statement = db.createStatement()) {
            statement.executeUpdate("INSERT INTO location_contact (location, contact, updated_ms) VALUES"
                    + " ('kw-vo', 'Nachtdienst 088 000 0200, Kanaalstraat 12, Amersfoort', 1)");
        }

        Hub.start(config, Clock.systemUTC()).close();

        try (Connection db = DriverManager.getConnection("jdbc:sqlite:" + hubData.resolve("hub.db"));
             Statement statement = db.createStatement();
             ResultSet rows = statement.executeQuery("SELECT contact FROM location_contact WHERE location = 'kw-vo'")) {
            assertTrue(rows.next());
            assertEquals(SecretContacts.REENTER, rows.getString(1));
        }
    }
}
