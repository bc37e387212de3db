package nl.opvang.hub;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import nl.opvang.hub.retention.RetentionPeriods;
import org.junit.jupiter.api.Test;

/** The HTTP hardening and retention settings: flags, environment, defaults and clear errors (docs/PRODUCTION.md §8, §9). */
class HubConfigTest {
    @Test
    void without_settings_the_defaults_apply() {
        HubConfig config = HubConfig.parse(new String[0], Map.of());

        assertEquals(List.of(), config.trustedProxyList());
        assertEquals(HubConfig.DEFAULT_HTTP_RATE_LIMIT, config.rateLimitPerMinute());
        assertEquals(HubConfig.DEFAULT_RETENTION_DAYS, config.retentionDaysOrDefault());
        assertEquals(java.time.Duration.ofSeconds(10), config.headerDeadline());
    }

    @Test
    void the_header_deadline_is_a_flag_an_environment_variable_or_a_setting() {
        assertEquals(java.time.Duration.ofSeconds(4),
                HubConfig.parse(new String[] {"--http-header-timeout", "4"}, Map.of()).headerDeadline());
        assertEquals(java.time.Duration.ofSeconds(20),
                HubConfig.parse(new String[0], Map.of("OPVANG_HTTP_HEADER_TIMEOUT", "20")).headerDeadline());
        ConfigException zero = assertThrows(ConfigException.class,
                () -> HubConfig.parse(new String[] {"--http-header-timeout", "0"}, Map.of()));
        assertTrue(zero.getMessage().startsWith("--http-header-timeout must be a number of seconds (at least 1)"),
                zero.getMessage());
    }

    @Test
    void the_retention_periods_are_a_flag_an_environment_variable_or_a_setting_and_a_wrong_one_is_named() {
        assertEquals(new RetentionPeriods(365, 90, 365), HubConfig.parse(new String[0], Map.of()).retentionPeriods());
        assertEquals(new RetentionPeriods(180, 30, 730), HubConfig.parse(new String[] {"--retention", "holds=30, waitlist=730",
                "--retention-days", "180"}, Map.of()).retentionPeriods());
        assertEquals(new RetentionPeriods(365, 14, 365),
                HubConfig.parse(new String[0], Map.of("OPVANG_RETENTION", "holds=14")).retentionPeriods());

        ConfigException unknown = assertThrows(ConfigException.class,
                () -> HubConfig.parse(new String[] {"--retention", "audit=30"}, Map.of()));
        assertEquals("--retention takes KIND=DAYS pairs separated by commas, with KIND one of holds, waitlist (the stays"
                + " period is --retention-days), not 'audit=30'", unknown.getMessage());
        ConfigException zero = assertThrows(ConfigException.class,
                () -> HubConfig.parse(new String[] {"--retention", "holds=0"}, Map.of()));
        assertEquals("--retention holds= must be a number of days from 1 to 3650, not '0'", zero.getMessage());
        assertThrows(ConfigException.class, () -> HubConfig.parse(new String[] {"--retention", "holds"}, Map.of()));
    }

    @Test
    void flags_win_over_the_environment() {
        HubConfig config = HubConfig.parse(new String[] {"--trusted-proxy", "127.0.0.1, ::1", "--http-rate-limit", "0"},
                Map.of("OPVANG_HTTP_RATE_LIMIT", "50", "OPVANG_RETENTION_DAYS", "90"));

        assertEquals(List.of("127.0.0.1", "::1"), config.trustedProxyList());
        assertEquals(0, config.rateLimitPerMinute());
        assertEquals(90, config.retentionDaysOrDefault());
    }

    @Test
    void metrics_listen_on_localhost_port_9464_unless_told_otherwise() {
        HubConfig defaults = HubConfig.parse(new String[0], Map.of());
        HubConfig given = HubConfig.parse(new String[] {"--metrics-bind", "10.0.0.5", "--metrics-port", "9500"}, Map.of());
        HubConfig environment = HubConfig.parse(new String[] {"--http-port", "0"}, Map.of("OPVANG_METRICS_BIND", "::1"));

        assertEquals("127.0.0.1", defaults.metricsHostOrDefault());
        assertEquals(null, defaults.metricsPortRequested(), "the default port, 9464");
        assertEquals("10.0.0.5", given.metricsHostOrDefault());
        assertEquals(9500, given.metricsPortRequested());
        assertEquals("::1", environment.metricsHostOrDefault());
        assertEquals(0, environment.metricsPortRequested(), "a hub on any free web port takes any free metrics port");
        assertThrows(ConfigException.class, () -> HubConfig.parse(new String[] {"--metrics-port", "nine"}, Map.of()));
    }

    @Test
    void the_audit_anchor_file_defaults_to_the_data_folder_and_may_be_put_elsewhere() {
        assertEquals(null, HubConfig.parse(new String[0], Map.of()).auditAnchors());
        assertEquals(Path.of("/mnt/audit/anchors.txt"), HubConfig.parse(new String[] {"--audit-anchors",
                "/mnt/audit/anchors.txt"}, Map.of()).auditAnchors());
        assertEquals(Path.of("/srv/a.txt"), HubConfig.parse(new String[0], Map.of("OPVANG_AUDIT_ANCHORS", "/srv/a.txt"))
                .auditAnchors());
    }

    @Test
    void the_privacy_log_defaults_to_the_data_folder_and_may_be_put_on_another_disk() {
        assertEquals(null, HubConfig.parse(new String[0], Map.of()).privacyLog());
        assertEquals(Path.of("/mnt/second/privacy-log.jsonl"), HubConfig.parse(new String[] {"--privacy-log",
                "/mnt/second/privacy-log.jsonl"}, Map.of()).privacyLog());
        assertEquals(Path.of("/srv/p.jsonl"), HubConfig.parse(new String[0], Map.of("OPVANG_PRIVACY_LOG", "/srv/p.jsonl"))
                .privacyLog());
    }

    @Test
    void a_bad_value_names_the_flag_and_what_it_needs() {
        ConfigException rate = assertThrows(ConfigException.class,
                () -> HubConfig.parse(new String[] {"--http-rate-limit", "-5"}, Map.of()));
        ConfigException days = assertThrows(ConfigException.class,
                () -> HubConfig.parse(new String[] {"--retention-days", "0"}, Map.of()));

        assertTrue(rate.getMessage().startsWith("--http-rate-limit must be a number of requests per minute"), rate.getMessage());
        assertTrue(days.getMessage().startsWith("--retention-days must be a number of days (at least 1)"), days.getMessage());
    }

    @Test
    void the_session_idle_time_is_thirty_minutes_unless_set_and_must_be_from_one_minute_to_twelve_hours() {
        assertEquals(30, HubConfig.parse(new String[0], Map.of()).sessionIdleMinutesOrDefault());
        assertEquals(15, HubConfig.parse(new String[] {"--session-idle-minutes", "15"}, Map.of()).sessionIdleMinutesOrDefault());
        assertEquals(45, HubConfig.parse(new String[0], Map.of("OPVANG_SESSION_IDLE_MINUTES", "45"))
                .sessionIdleMinutesOrDefault());
        for (String bad : new String[] {"0", "721", "dertig"}) {
            ConfigException refused = assertThrows(ConfigException.class,
                    () -> HubConfig.parse(new String[] {"--session-idle-minutes", bad}, Map.of()));
            assertTrue(refused.getMessage().startsWith("--session-idle-minutes must be a number of minutes from 1 to 720"),
                    refused.getMessage());
        }
    }
}
