package nl.opvang.hub;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Collectors;
import picocli.CommandLine;
import picocli.CommandLine.MissingParameterException;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * The hub's command line (docs/DESIGN.md §2, docs/PRODUCTION.md). Picocli reads the flags ({@code --name value} or
 * {@code --name=value}); every setting is also an environment variable and a key of the {@code --config} properties
 * file, and flags win over the environment, which wins over the file. A wrong flag or value is a
 * {@link ConfigException}: one line that names it.
 */
final class HubFlags {
    /** One setting: its flag (without {@code --}), its environment variable and its properties key. */
    private record Setting(String flag, String variable, String key) {
    }

    private static final List<Setting> SETTINGS = List.of(
            new Setting("http-host", "OPVANG_HTTP_HOST", "http.host"),
            new Setting("http-port", "OPVANG_HTTP_PORT", "http.port"),
            new Setting("mqtt-host", "OPVANG_MQTT_HOST", "mqtt.host"),
            new Setting("mqtt-port", "OPVANG_MQTT_PORT", "mqtt.port"),
            new Setting("mqtt-url", "OPVANG_MQTT_URL", "mqtt.url"),
            new Setting("mqtt-user", "OPVANG_MQTT_USER", "mqtt.user"),
            new Setting("mqtt-password", "OPVANG_MQTT_PASSWORD", "mqtt.password"),
            new Setting("data", "OPVANG_DATA", "data"),
            new Setting("region", "OPVANG_REGION", "region"),
            new Setting("admin-password", "OPVANG_ADMIN_PASSWORD", "admin.password"),
            new Setting("trusted-proxy", "OPVANG_TRUSTED_PROXY", "http.trusted.proxy"),
            new Setting("http-rate-limit", "OPVANG_HTTP_RATE_LIMIT", "http.rate.limit"),
            new Setting("retention-days", "OPVANG_RETENTION_DAYS", "retention.days"),
            new Setting("retention", "OPVANG_RETENTION", "retention"),
            new Setting("metrics-bind", "OPVANG_METRICS_BIND", "metrics.bind"),
            new Setting("metrics-port", "OPVANG_METRICS_PORT", "metrics.port"),
            new Setting("session-idle-minutes", "OPVANG_SESSION_IDLE_MINUTES", "session.idle.minutes"),
            new Setting("http-header-timeout", "OPVANG_HTTP_HEADER_TIMEOUT", "http.header.timeout"),
            new Setting("audit-anchors", "OPVANG_AUDIT_ANCHORS", "audit.anchors"),
            new Setting("privacy-log", "OPVANG_PRIVACY_LOG", "privacy.log"));

    static final String USAGE = """
            Usage: java -jar opvang-hub.jar [--demo] [--config FILE] [--http-port N] [--http-host HOST]
                                            [--mqtt-port N] [--mqtt-host HOST] [--mqtt-url URL]
                                            [--mqtt-user USER] [--mqtt-password PASSWORD]
                                            [--data FOLDER] [--region FILE] [--admin-password PASSWORD]
                                            [--trusted-proxy ADDRESS[,ADDRESS]] [--http-rate-limit PER_MINUTE]
                                            [--retention-days DAYS] [--retention KIND=DAYS[,KIND=DAYS]]
                                            [--metrics-bind HOST] [--metrics-port N]
                                            [--session-idle-minutes MINUTES]
                                            [--http-header-timeout SECONDS] [--audit-anchors FILE]
                                            [--privacy-log FILE]
            Every flag is also an environment variable (OPVANG_HTTP_PORT, OPVANG_MQTT_URL, OPVANG_DATA, ...).""";

    private HubFlags() {
    }

    /** Reads flags, then the environment, then the {@code --config} file. */
    static HubConfig parse(String[] args, Map<String, String> environment) {
        ParseResult flags = commandLine(args);
        if (flags.hasMatchedOption("--help")) {
            throw new ConfigException(USAGE);
        }
        String configFile = flags.matchedOptionValue("--config", null);
        Properties file = configFile == null ? new Properties() : readConfig(Path.of(configFile));
        Map<String, String> values = new HashMap<>();
        for (Setting setting : SETTINGS) {
            String value = flags.matchedOptionValue("--" + setting.flag(), null);
            if (value == null) {
                value = environment.get(setting.variable());
            }
            if (value == null) {
                value = file.getProperty(setting.key());
            }
            if (value != null && !value.isBlank()) {
                values.put(setting.flag(), value.strip());
            }
        }
        boolean demo = flags.hasMatchedOption("--demo") || "true".equalsIgnoreCase(environment.get("OPVANG_DEMO"));
        HubConfig config = HubConfig.builder().demo(demo)
                .httpHost(values.getOrDefault("http-host", "0.0.0.0"))
                .httpPort(port(values, "http-port"))
                .mqttHost(values.getOrDefault("mqtt-host", "127.0.0.1"))
                .mqttPort(port(values, "mqtt-port"))
                .mqttUrl(values.get("mqtt-url"))
                .mqttUser(values.get("mqtt-user"))
                .mqttPassword(values.get("mqtt-password"))
                .data(path(values, "data"))
                .region(path(values, "region"))
                .adminPassword(values.get("admin-password"))
                .trustedProxies(values.get("trusted-proxy"))
                .httpRateLimit(count(values.get("http-rate-limit"), "--http-rate-limit", 0,
                        "a number of requests per minute (0 for no limit)"))
                .retentionDays(count(values.get("retention-days"), "--retention-days", 1, "a number of days (at least 1)"))
                .metricsHost(values.getOrDefault("metrics-bind", HubConfig.DEFAULT_METRICS_HOST))
                .metricsPort(port(values, "metrics-port"))
                .sessionIdleMinutes(sessionIdle(values.get("session-idle-minutes")))
                .httpHeaderTimeout(count(values.get("http-header-timeout"), "--http-header-timeout", 1,
                        "a number of seconds (at least 1)"))
                .auditAnchors(path(values, "audit-anchors"))
                .retention(values.get("retention"))
                .privacyLog(path(values, "privacy-log"))
                .build();
        try {
            config.retentionPeriods();
        } catch (IllegalArgumentException e) {
            throw new ConfigException(e.getMessage());
        }
        return config;
    }

    /** The flags as picocli reads them: every value a string, checked here so that the messages are the hub's own. */
    private static ParseResult commandLine(String[] args) {
        CommandSpec spec = CommandSpec.create().name("opvang-hub");
        spec.addOption(OptionSpec.builder("--demo").type(boolean.class).build());
        spec.addOption(OptionSpec.builder("-h", "--help").type(boolean.class).build());
        spec.addOption(OptionSpec.builder("--config").type(String.class).arity("1").build());
        for (Setting setting : SETTINGS) {
            spec.addOption(OptionSpec.builder("--" + setting.flag()).type(String.class).arity("1").build());
        }
        CommandLine line = new CommandLine(spec)
                .setOverwrittenOptionsAllowed(true) // the last of a repeated flag counts
                .setExpandAtFiles(false) // a value such as a password may start with '@'
                .setPosixClusteredShortOptionsAllowed(false);
        try {
            return line.parseArgs(args);
        } catch (UnmatchedArgumentException e) {
            String unmatched = e.getUnmatched().isEmpty() ? "" : e.getUnmatched().get(0);
            if (unmatched.startsWith("--")) {
                int equals = unmatched.indexOf('=');
                throw new ConfigException("unknown flag " + (equals < 0 ? unmatched : unmatched.substring(0, equals))
                        + ". " + firstLine(USAGE));
            }
            throw new ConfigException("unexpected argument '" + unmatched + "'. " + firstLine(USAGE));
        } catch (MissingParameterException e) {
            List<ArgSpec> missing = e.getMissing();
            String flag = missing.isEmpty() || !(missing.get(0) instanceof OptionSpec option) ? "" : option.longestName();
            throw new ConfigException("flag " + flag + " needs a value");
        } catch (ParameterException e) {
            throw new ConfigException(e.getMessage() + ". " + firstLine(USAGE));
        }
    }

    private static Path path(Map<String, String> values, String name) {
        return values.containsKey(name) ? Path.of(values.get(name)) : null;
    }

    private static Integer sessionIdle(String value) {
        Integer minutes = count(value, "--session-idle-minutes", 1,
                "a number of minutes from 1 to " + HubConfig.MAX_SESSION_IDLE_MINUTES);
        if (minutes != null && minutes > HubConfig.MAX_SESSION_IDLE_MINUTES) {
            throw new ConfigException("--session-idle-minutes must be a number of minutes from 1 to "
                    + HubConfig.MAX_SESSION_IDLE_MINUTES + ", not '" + value + "'");
        }
        return minutes;
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
            if (SETTINGS.stream().noneMatch(setting -> setting.key().equals(key))) {
                throw new ConfigException("the config file " + file + " has an unknown setting '" + key
                        + "'; known: "
                        + SETTINGS.stream().map(Setting::key).collect(Collectors.joining(", ")));
            }
        }
        return properties;
    }

    private static String firstLine(String text) {
        return text.lines().findFirst().orElse(text);
    }
}
