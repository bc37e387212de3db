package nl.opvang.hub;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The HTTP hardening and retention settings: flags, environment, defaults and clear errors (docs/PRODUCTION.md §8, §9). */
class HubConfigTest {
    @Test
    void without_settings_the_defaults_apply() {
        HubConfig config = HubConfig.parse(new String[0], Map.of());

        assertEquals(List.of(), config.trustedProxyList());
        assertEquals(HubConfig.DEFAULT_HTTP_RATE_LIMIT, config.rateLimitPerMinute());
        assertEquals(HubConfig.DEFAULT_RETENTION_DAYS, config.retentionDaysOrDefault());
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
    void the_audit_anchor_file_defaults_to_the_data_folder_and_may_be_put_elsewhere() {
        assertEquals(null, HubConfig.parse(new String[0], Map.of()).auditAnchors());
        assertEquals(Path.of("/mnt/audit/anchors.txt"), HubConfig.parse(new String[] {"--audit-anchors",
                "/mnt/audit/anchors.txt"}, Map.of()).auditAnchors());
        assertEquals(Path.of("/srv/a.txt"), HubConfig.parse(new String[0], Map.of("OPVANG_AUDIT_ANCHORS", "/srv/a.txt"))
                .auditAnchors());
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
}
