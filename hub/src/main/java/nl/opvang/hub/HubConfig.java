package nl.opvang.hub;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Collectors;
import nl.opvang.hub.web.HttpLimits;

/**
 * How the hub runs, loaded once and validated at start (DESIGN §2). Every setting is a flag and an environment
 * variable, and may sit in a properties file given with {@code --config}; flags win over the environment, which wins
 * over the file.
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
 * @param retentionDays after how many days a stay's token link is removed and only anonymous counts remain (DESIGN
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
 */
public record HubConfig(boolean demo, String httpHost, Integer httpPort, String mqttHost, Integer mqttPort, String mqttUrl,
                        String mqttUser, String mqttPassword, Path data, Path region, String adminPassword,
                        String trustedProxies, Integer httpRateLimit, Integer retentionDays, String metricsHost,
                        Integer metricsPort, Integer sessionIdleMinutes, Integer httpHeaderTimeout,
                        Path auditAnchors) {

    /** Requests per minute per client address when {@code --http-rate-limit} is not given. */
    public static final int DEFAULT_HTTP_RATE_LIMIT = 600;
    /** Days a stay keeps its token link when {@code --retention-days} is not given. */
    public static final int DEFAULT_RETENTION_DAYS = 365;
    /** Where {@code /metrics} listens when {@code --metrics-bind} is not given: this machine only. */
    public static final String DEFAULT_METRICS_HOST = "127.0.0.1";
    /** The metrics port when {@code --metrics-port} is not given. */
    public static final int DEFAULT_METRICS_PORT = 9464;
    /** Minutes a web session may go unused when {@code --session-idle-minutes} is not given. */
    public static final int DEFAULT_SESSION_IDLE_MINUTES = 30;
    /** The longest idle time allowed: a web session lasts 12 hours at most anyway. */
    static final int MAX_SESSION_IDLE_MINUTES = 720;

    /** Setting name → (flag, environment variable, properties key). */
    private static final List<String[]> SETTINGS = List.of(
            new String[] {"http-host", "OPVANG_HTTP_HOST", "http.host"},
            new String[] {"http-port", "OPVANG_HTTP_PORT", "http.port"},
            new String[] {"mqtt-host", "OPVANG_MQTT_HOST", "mqtt.host"},
            new String[] {"mqtt-port", "OPVANG_MQTT_PORT", "mqtt.port"},
            new String[] {"mqtt-url", "OPVANG_MQTT_URL", "mqtt.url"},
            new String[] {"mqtt-user", "OPVANG_MQTT_USER", "mqtt.user"},
            new String[] {"mqtt-password", "OPVANG_MQTT_PASSWORD", "mqtt.password"},
            new String[] {"data", "OPVANG_DATA", "data"},
            new String[] {"region", "OPVANG_REGION", "region"},
            new String[] {"admin-password", "OPVANG_ADMIN_PASSWORD", "admin.password"},
            new String[] {"trusted-proxy", "OPVANG_TRUSTED_PROXY", "http.trusted.proxy"},
            new String[] {"http-rate-limit", "OPVANG_HTTP_RATE_LIMIT", "http.rate.limit"},
            new String[] {"retention-days", "OPVANG_RETENTION_DAYS", "retention.days"},
            new String[] {"metrics-bind", "OPVANG_METRICS_BIND", "metrics.bind"},
            new String[] {"metrics-port", "OPVANG_METRICS_PORT", "metrics.port"},
            new String[] {"session-idle-minutes", "OPVANG_SESSION_IDLE_MINUTES", "session.idle.minutes"},
            new String[] {"http-header-timeout", "OPVANG_HTTP_HEADER_TIMEOUT", "http.header.timeout"},
            new String[] {"audit-anchors", "OPVANG_AUDIT_ANCHORS", "audit.anchors"});

    public static final String USAGE = """
            Usage: java -jar opvang-hub.jar [--demo] [--config FILE] [--http-port N] [--http-host HOST]
                                            [--mqtt-port N] [--mqtt-host HOST] [--mqtt-url URL]
                                            [--mqtt-user USER] [--mqtt-password PASSWORD]
                                            [--data FOLDER] [--region FILE] [--admin-password PASSWORD]
                                            [--trusted-proxy ADDRESS[,ADDRESS]] [--http-rate-limit PER_MINUTE]
                                            [--retention-days DAYS] [--metrics-bind HOST] [--metrics-port N]
                                            [--session-idle-minutes MINUTES]
                                            [--http-header-timeout SECONDS] [--audit-anchors FILE]
            Every flag is also an environment variable (OPVANG_HTTP_PORT, OPVANG_MQTT_URL, OPVANG_DATA, ...).""";

    /** Reads flags, then the environment, then the {@code --config} file. */
    public static HubConfig parse(String[] args, Map<String, String> environment) {
        Map<String, String> flags = new HashMap<>();
        boolean demo = false;
        String configFile = null;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (arg.equals("--demo")) {
                demo = true;
                continue;
            }
            if (arg.equals("--help") || arg.equals("-h")) {
                throw new ConfigException(USAGE);
            }
            if (!arg.startsWith("--")) {
                throw new ConfigException("unexpected argument '" + arg + "'. " + firstLine(USAGE));
            }
            String name = arg.substring(2);
            String value;
            int equals = name.indexOf('=');
            if (equals >= 0) {
                value = name.substring(equals + 1);
                name = name.substring(0, equals);
            } else if (i + 1 < args.length) {
                value = args[++i];
            } else {
                throw new ConfigException("flag --" + name + " needs a value");
            }
            if (name.equals("config")) {
                configFile = value;
            } else {
                flags.put(known(name), value);
            }
        }
        Properties file = configFile == null ? new Properties() : readConfig(Path.of(configFile));
        Map<String, String> values = new HashMap<>();
        for (String[] setting : SETTINGS) {
            String value = flags.get(setting[0]);
            if (value == null) {
                value = environment.get(setting[1]);
            }
            if (value == null) {
                value = file.getProperty(setting[2]);
            }
            if (value != null && !value.isBlank()) {
                values.put(setting[0], value.strip());
            }
        }
        if (!demo && "true".equalsIgnoreCase(environment.get("OPVANG_DEMO"))) {
            demo = true;
        }
        return new HubConfig(demo, values.getOrDefault("http-host", "0.0.0.0"), port(values, "http-port"),
                values.getOrDefault("mqtt-host", "127.0.0.1"), port(values, "mqtt-port"), values.get("mqtt-url"),
                values.get("mqtt-user"), values.get("mqtt-password"),
                values.containsKey("data") ? Path.of(values.get("data")) : null,
                values.containsKey("region") ? Path.of(values.get("region")) : null, values.get("admin-password"),
                values.get("trusted-proxy"), count(values.get("http-rate-limit"), "--http-rate-limit", 0,
                        "a number of requests per minute (0 for no limit)"),
                count(values.get("retention-days"), "--retention-days", 1, "a number of days (at least 1)"),
                values.getOrDefault("metrics-bind", DEFAULT_METRICS_HOST), port(values, "metrics-port"),
                sessionIdle(values.get("session-idle-minutes")),
                count(values.get("http-header-timeout"), "--http-header-timeout", 1, "a number of seconds (at least 1)"),
                values.containsKey("audit-anchors") ? Path.of(values.get("audit-anchors")) : null);
    }

    private static Integer sessionIdle(String value) {
        Integer minutes = count(value, "--session-idle-minutes", 1, "a number of minutes from 1 to " + MAX_SESSION_IDLE_MINUTES);
        if (minutes != null && minutes > MAX_SESSION_IDLE_MINUTES) {
            throw new ConfigException("--session-idle-minutes must be a number of minutes from 1 to " + MAX_SESSION_IDLE_MINUTES
                    + ", not '" + value + "'");
        }
        return minutes;
    }

    /**
     * The settings without the HTTP hardening ones, which then take their defaults; {@code /metrics} on a free port of
     * {@value #DEFAULT_METRICS_HOST} (tests and benchmarks run many hubs side by side).
     */
    public HubConfig(boolean demo, String httpHost, Integer httpPort, String mqttHost, Integer mqttPort, String mqttUrl,
                     String mqttUser, String mqttPassword, Path data, Path region, String adminPassword) {
        this(demo, httpHost, httpPort, mqttHost, mqttPort, mqttUrl, mqttUser, mqttPassword, data, region, adminPassword,
                null, null);
    }

    /**
     * The hub's own settings with the HTTP limits given (the benchmarks switch the rate limit off); {@code /metrics} on
     * a free port of {@value #DEFAULT_METRICS_HOST}.
     */
    public HubConfig(boolean demo, String httpHost, Integer httpPort, String mqttHost, Integer mqttPort, String mqttUrl,
                     String mqttUser, String mqttPassword, Path data, Path region, String adminPassword,
                     String trustedProxies, Integer httpRateLimit) {
        this(demo, httpHost, httpPort, mqttHost, mqttPort, mqttUrl, mqttUser, mqttPassword, data, region, adminPassword,
                trustedProxies, httpRateLimit, null, DEFAULT_METRICS_HOST, 0, null, null, null);
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

    /**
     * All settings but the metrics listener (a free port on {@value #DEFAULT_METRICS_HOST}), the session idle time and
     * the header deadline (their defaults).
     */
    public HubConfig(boolean demo, String httpHost, Integer httpPort, String mqttHost, Integer mqttPort, String mqttUrl,
                     String mqttUser, String mqttPassword, Path data, Path region, String adminPassword,
                     String trustedProxies, Integer httpRateLimit, Integer retentionDays) {
        this(demo, httpHost, httpPort, mqttHost, mqttPort, mqttUrl, mqttUser, mqttPassword, data, region, adminPassword,
                trustedProxies, httpRateLimit, retentionDays, DEFAULT_METRICS_HOST, 0, null, null, null);
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

    private static Integer count(String value, String flag, int least, String what) {
        if (value == null) {
            return null;
        }
        try {
            int number = Integer.parseInt(value);
            if (number < least) {
                throw new NumberFormatException();
            }
            return number;
        } catch (NumberFormatException e) {
            throw new ConfigException(flag + " must be " + what + ", not '" + value + "'");
        }
    }

    private static String known(String name) {
        for (String[] setting : SETTINGS) {
            if (setting[0].equals(name)) {
                return name;
            }
        }
        throw new ConfigException("unknown flag --" + name + ". " + firstLine(USAGE));
    }

    private static Integer port(Map<String, String> values, String name) {
        String value = values.get(name);
        if (value == null) {
            return null;
        }
        try {
            int port = Integer.parseInt(value);
            if (port < 0 || port > 65_535) {
                throw new NumberFormatException();
            }
            return port;
        } catch (NumberFormatException e) {
            throw new ConfigException("--" + name + " must be a port number from 0 to 65535, not '" + value + "'");
        }
    }

    private static Properties readConfig(Path file) {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(reader);
        } catch (IOException e) {
            throw new ConfigException("cannot read the config file " + file + " (" + e.getMessage()
                    + "); check the path given with --config");
        } catch (IllegalArgumentException e) {
            throw new ConfigException("the config file " + file + " is malformed (" + e.getMessage()
                    + "); it must be a Java properties file such as 'http.port=8080'");
        }
        for (String key : properties.stringPropertyNames()) {
            if (SETTINGS.stream().noneMatch(setting -> setting[2].equals(key))) {
                throw new ConfigException("the config file " + file + " has an unknown setting '" + key
                        + "'; known: "
                        + SETTINGS.stream().map(setting -> setting[2]).collect(Collectors.joining(", ")));
            }
        }
        return properties;
    }

    private static String firstLine(String text) {
        return text.lines().findFirst().orElse(text);
    }
}
