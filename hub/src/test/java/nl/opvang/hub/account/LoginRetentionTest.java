package nl.opvang.hub.account;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import nl.opvang.hub.retention.RetentionPeriods;
import nl.opvang.hub.retention.RetentionRule;
import nl.opvang.hub.retention.RetentionTable;
import org.junit.jupiter.api.Test;

/**
 * The retention table (docs/DESIGN.md §5) states the periods of login records and sessions as the account package
 * uses them: the run would otherwise delete what the throttle still counts, or promise what it does not do.
 */
class LoginRetentionTest {
    @Test
    void the_table_deletes_login_records_only_after_the_throttle_stops_counting_them() {
        assertEquals(Duration.ofDays(LoginThrottle.KNOWN_DAYS), Duration.ofDays(RetentionTable.LOGIN_ADDRESS_DAYS));
        assertEquals(LoginThrottle.WINDOW, Duration.ofHours(RetentionTable.LOGIN_FAILURE_HOURS));
    }

    @Test
    void the_table_states_the_session_lifetimes() {
        RetentionRule sessions = RetentionTable.of(RetentionPeriods.DEFAULTS).rules().stream()
                .filter(rule -> rule.kind().equals("sessions")).findFirst().orElseThrow();

        assertTrue(sessions.period().contains(Sessions.WEB_LIFETIME.toHours() + " uur"), sessions.period());
        assertTrue(sessions.period().contains("API: " + Sessions.API_LIFETIME.toHours() + " uur"), sessions.period());
    }
}
