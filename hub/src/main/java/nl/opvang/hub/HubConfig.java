package nl.opvang.hub;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import nl.opvang.hub.retention.RetentionPeriods;
import nl.opvang.hub.web.HttpLimits;

/**
 * How the hub runs, loaded once and validated at start (docs/DESIGN.md §2): built by the flag parser ({@link #parse})
 * or, in code, by {@link #builder()}. Every setting is a flag and an environment variable, and may sit in a properties
 * file given with {@code --config}; flags win over the environment, which wins over the file.
 *
 * @param demo      run the demo: embedded broker, fresh data folder, simulated nodes, the test location
 * @param httpHost  interface for the web server
 * @param httpPort  web port; 0 picks a free one; {@code null} means the default (8080, or a free one in the demo)
 * @param mqttHost  interface for the embedded broker
 * @param mqttPort  embedded broker port; 0 picks a free one; {@code null} means the default (1883, or free in the demo)
 * @param mqttUrl   an external broker such as Mosquitto instead of the embedded one, or {@code null}
 * @param mqttUser  broker user name for the hub, or {@code null}
 * @param mqttPassword broker password, or {@code null}
 * @param data      the data folder; {@code null} in the demo means a fresh temporary one
 * @param region    a region file, or {@code null} for the seed region shipped in the jar
 * @param adminPassword the password of the first admin, created on a start without any admin; {@code null} if none
 * @param trustedProxies addresses of reverse proxies whose {@code X-Forwarded-For} and {@code X-Forwarded-Proto} the
 *                  hub believes (comma-separated), or {@code null} for none: then the peer address is the client
 * @param httpRateLimit requests per minute allowed from one client address; 0 switches the limit off; {@code null}
 *                  means the default ({@value #DEFAULT_HTTP_RATE_LIMIT})
 * @param retentionDays after how many days a stay's token link is removed and only anonymous counts remain (docs/DESIGN.md
 *                  §5); {@code null} means the default ({@value #DEFAULT_RETENTION_DAYS})
 * @param metricsHost interface for {@code GET /metrics}, a listener of its own so that a scrape never passes the public
 *                  reverse proxy; {@code null} means {@value #DEFAULT_METRICS_HOST}
 * @param metricsPort port of that listener; 0 picks a free one; {@code null} means the default
 *                  ({@value #DEFAULT_METRICS_PORT}, or a free one in the demo), and a free one too when
 *                  {@code httpPort} is 0 (a hub told to pick a free web port, as tests run many side by side)
 * @param sessionIdleMinutes after how many minutes without use a web session ends (issue 11); {@code null} means the
 *                  default ({@value #DEFAULT_SESSION_IDLE_MINUTES})
 * @param httpHeaderTimeout seconds a client has to send a request's whole header, from its first byte, before the
 *                  connection is closed (slow clients, "slowloris"); {@code null} means the default (10)
 * @param auditAnchors the append-only file the audit chain's head is anchored in after every audit write, or
 *                  {@code null} for {@code audit-anchors.txt} in the data folder; may be on another disk
 * @param retention the other configurable retention periods, {@code holds=DAYS,waitlist=DAYS} (docs/DESIGN.md §5);
 *                  {@code null} means the defaults of {@link RetentionPeriods}
 * @param privacyLog the privacy log of erasures and restrictions ({@code privacy.PrivacyLog}), or {@code null} for
 *                  {@code privacy-log.jsonl} in the data folder; may be on another disk, so that it outlives the
 *                  machine (docs/PRODUCTION.md §6)
 */
public record HubConfig(boolean demo, String httpHost, Integer httpPort, String mqttHost, Integer mqttPort, String mqttUrl,
                        String mqttUser, String mqttPassword, Path data, Path region, String adminPassword,
                        String trustedProxies, Integer httpRateLimit, Integer retentionDays, String metricsHost,
                        Integer metricsPort, Integer sessionIdleMinutes, Integer httpHeaderTimeout,
                        Path auditAnchors, String retention, Path privacyLog) {

    /** Requests per minute per client address when {@code --http-rate-limit} is not given. */
    public static final int DEFAULT_HTTP_RATE_LIMIT = 600;
    /** Days a stay keeps its token link when {@code --retention-days} is not given. */
    public static final int DEFAULT_RETENTION_DAYS = RetentionPeriods.STAYS_DAYS;
    /** Where {@code /metrics} listens when {@code --metrics-bind} is not given: this machine only. */
    public static final String DEFAULT_METRICS_HOST = "127.0.0.1";
    /** The metrics port when {@code --metrics-port} is not given. */
    public static final int DEFAULT_METRICS_PORT = 9464;
    /** Minutes a web session may go unused when {@code --session-idle-minutes} is not given. */
    public static final int DEFAULT_SESSION_IDLE_MINUTES = 30;
    /** The longest idle time allowed: a web session lasts 12 hours at most anyway. */
    static final int MAX_SESSION_IDLE_MINUTES = 720;

    /** Reads flags, then the environment, then the {@code --config} file ({@link HubFlags}). */
    public static HubConfig parse(String[] args, Map<String, String> environment) {
        return HubFlags.parse(args, environment);
    }

    /** Every setting at its default: the web on all interfaces, the embedded broker and {@code /metrics} on this machine. */
    public static Builder builder() {
        return new Builder();
    }

    /** The metrics port asked for: as given, else 0 when the web port is 0, else {@code null} (the default). */
    public Integer metricsPortRequested() {
        if (metricsPort != null) {
            return metricsPort;
        }
        return httpPort != null && httpPort == 0 ? Integer.valueOf(0) : null;
    }

    /** The interface of the metrics listener. */
    public String metricsHostOrDefault() {
        return metricsHost == null || metricsHost.isBlank() ? DEFAULT_METRICS_HOST : metricsHost;
    }

    /** Minutes a web session may go unused before it ends. */
    public int sessionIdleMinutesOrDefault() {
        return sessionIdleMinutes == null ? DEFAULT_SESSION_IDLE_MINUTES : sessionIdleMinutes;
    }

    /** How long a client may take to send a request's header, from its first byte. */
    public Duration headerDeadline() {
        return httpHeaderTimeout == null ? HttpLimits.HEADER_DEADLINE : Duration.ofSeconds(httpHeaderTimeout);
    }

    /** Days a stay keeps its token link. */
    public int retentionDaysOrDefault() {
        return retentionDays == null ? DEFAULT_RETENTION_DAYS : retentionDays;
    }

    /**
     * The retention periods: {@code retentionDays} for stays and {@code retention} for the others.
     *
     * @throws IllegalArgumentException when {@code retention} is not {@code KIND=DAYS} pairs of known kinds
     */
    public RetentionPeriods retentionPeriods() {
        return RetentionPeriods.parse(retention, retentionDays);
    }

    /** Requests per minute per client address that the web server admits; 0 means no limit. */
    public int rateLimitPerMinute() {
        return httpRateLimit == null ? DEFAULT_HTTP_RATE_LIMIT : httpRateLimit;
    }

    /** The trusted proxy addresses, none when not configured. */
    public List<String> trustedProxyList() {
        if (trustedProxies == null || trustedProxies.isBlank()) {
            return List.of();
        }
        return Arrays.stream(trustedProxies.split(",")).map(String::strip).filter(part -> !part.isEmpty()).toList();
    }

    /** Builds a {@link HubConfig}; what is not set keeps the default that {@link #builder()} names. */
    public static final class Builder {
        private boolean demo;
        private String httpHost = "0.0.0.0";
        private Integer httpPort;
        private String mqttHost = "127.0.0.1";
        private Integer mqttPort;
        private String mqttUrl;
        private String mqttUser;
        private String mqttPassword;
        private Path data;
        private Path region;
        private String adminPassword;
        private String trustedProxies;
        private Integer httpRateLimit;
        private Integer retentionDays;
        private String metricsHost = DEFAULT_METRICS_HOST;
        private Integer metricsPort;
        private Integer sessionIdleMinutes;
        private Integer httpHeaderTimeout;
        private Path auditAnchors;
        private String retention;
        private Path privacyLog;

        private Builder() {
        }

        /** Web, broker and {@code /metrics} on free ports of 127.0.0.1: tests and benchmarks run hubs side by side. */
        public Builder loopbackAnyPorts() {
            httpHost = "127.0.0.1";
            httpPort = 0;
            mqttHost = "127.0.0.1";
            mqttPort = 0;
            metricsHost = DEFAULT_METRICS_HOST;
            metricsPort = 0;
            return this;
        }

        public Builder demo(boolean value) {
            demo = value;
            return this;
        }

        public Builder httpHost(String value) {
            httpHost = value;
            return this;
        }

        public Builder httpPort(Integer value) {
            httpPort = value;
            return this;
        }

        public Builder mqttHost(String value) {
            mqttHost = value;
            return this;
        }

        public Builder mqttPort(Integer value) {
            mqttPort = value;
            return this;
        }

        public Builder mqttUrl(String value) {
            mqttUrl = value;
            return this;
        }

        public Builder mqttUser(String value) {
            mqttUser = value;
            return this;
        }

        public Builder mqttPassword(String value) {
            mqttPassword = value;
            return this;
        }

        public Builder data(Path value) {
            data = value;
            return this;
        }

        public Builder region(Path value) {
            region = value;
            return this;
        }

        public Builder adminPassword(String value) {
            adminPassword = value;
            return this;
        }

        public Builder trustedProxies(String value) {
            trustedProxies = value;
            return this;
        }

        public Builder httpRateLimit(Integer value) {
            httpRateLimit = value;
            return this;
        }

        public Builder retentionDays(Integer value) {
            retentionDays = value;
            return this;
        }

        public Builder metricsHost(String value) {
            metricsHost = value;
            return this;
        }

        public Builder metricsPort(Integer value) {
            metricsPort = value;
            return this;
        }

        public Builder sessionIdleMinutes(Integer value) {
            sessionIdleMinutes = value;
            return this;
        }

        public Builder httpHeaderTimeout(Integer value) {
            httpHeaderTimeout = value;
            return this;
        }

        public Builder auditAnchors(Path value) {
            auditAnchors = value;
            return this;
        }

        public Builder retention(String value) {
            retention = value;
            return this;
        }

        public Builder privacyLog(Path value) {
            privacyLog = value;
            return this;
        }

        public HubConfig build() {
            return new HubConfig(demo, httpHost, httpPort, mqttHost, mqttPort, mqttUrl, mqttUser, mqttPassword, data, region,
                    adminPassword, trustedProxies, httpRateLimit, retentionDays, metricsHost, metricsPort,
                    sessionIdleMinutes, httpHeaderTimeout, auditAnchors, retention, privacyLog);
        }
    }
}
