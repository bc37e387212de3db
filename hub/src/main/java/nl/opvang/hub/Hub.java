package nl.opvang.hub;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import nl.opvang.gateway.BrokerAccess;
import nl.opvang.gateway.EmbeddedBroker;
import nl.opvang.gateway.GatewayConfig;
import nl.opvang.gateway.HubGateway;
import nl.opvang.hub.account.AccountException;
import nl.opvang.hub.account.AccountSetup;
import nl.opvang.hub.account.AccountWeb;
import nl.opvang.hub.audit.AuditAnchors;
import nl.opvang.hub.audit.AuditLog;
import nl.opvang.hub.audit.AuditRoutes;
import nl.opvang.hub.availability.AvailabilityProjection;
import nl.opvang.hub.availability.CountsBroadcast;
import nl.opvang.hub.ingest.EventStore;
import nl.opvang.hub.ingest.LostEventRoutes;
import nl.opvang.hub.ingest.LostEvents;
import nl.opvang.hub.ingest.RefusalRoutes;
import nl.opvang.hub.ingest.RefusedEvents;
import nl.opvang.hub.location.Region;
import nl.opvang.hub.location.RegionFile;
import nl.opvang.hub.location.RegionFileException;
import nl.opvang.hub.location.Registry;
import nl.opvang.hub.ops.BrokerConfig;
import nl.opvang.hub.ops.EmbeddedBrokerAccess;
import nl.opvang.hub.placement.HoldKey;
import nl.opvang.hub.placement.HoldPolicy;
import nl.opvang.hub.placement.HoldRoutes;
import nl.opvang.hub.placement.HoldService;
import nl.opvang.hub.placement.NodeAnswers;
import nl.opvang.hub.report.OccupancyRecorder;
import nl.opvang.hub.report.OccupancyReport;
import nl.opvang.hub.report.ReportRoutes;
import nl.opvang.hub.secret.SecretContacts;
import nl.opvang.hub.retention.Retention;
import nl.opvang.hub.retention.RetentionRoutes;
import nl.opvang.hub.secret.SecretRoutes;
import nl.opvang.hub.store.Database;
import nl.opvang.hub.store.StoreException;
import nl.opvang.hub.web.Health;
import nl.opvang.hub.web.HttpLimits;
import nl.opvang.hub.web.MetricsServer;
import nl.opvang.hub.web.SecretLabels;
import nl.opvang.hub.web.WebServer;
import nl.opvang.protocol.Command;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The running hub, wired by constructors in one place (DESIGN §1): store, registry, projection, MQTT, web. */
public final class Hub implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Hub.class);

    private final Region region;
    private final Path dataDir;
    private final Database database;
    private final Registry registry;
    private final AvailabilityProjection projection;
    private final EmbeddedBroker broker;
    private final String mqttUrl;
    private final HubGateway gateway;
    private final AccountWeb accounts;
    private final AccountSetup.Outcome accountSetup;
    private final WebServer web;
    private final int httpPort;
    private final MetricsServer metricsServer;
    private final ScheduledExecutorService ticker;
    private final HoldService holds;
    private final HoldRoutes holdRoutes;

    private Hub(HubConfig config, Clock clock) {
        dataDir = dataDir(config);
        region = region(config);
        try {
            database = Database.open(dataDir);
        } catch (StoreException e) {
            if (e.damaged()) {
                throw new ConfigException(e.getMessage());
            }
            throw new ConfigException(e.getMessage() + "; check that the data folder is writable, or choose another with --data");
        }
        // The audit chain checked against its head outside the database before anything is written, then anchored
        // after every audit write (DESIGN §5, issue 11). A chain that disagrees is reported, never re-anchored.
        AuditAnchors anchors = new AuditAnchors(AuditAnchors.file(dataDir, config.auditAnchors()), database, clock);
        try {
            anchors.start();
        } catch (UncheckedIOException e) {
            database.close();
            throw new ConfigException(e.getMessage() + "; check that the anchor file's folder is writable "
                    + "(--audit-anchors, default the data folder)");
        }
        Registry.seed(database, region);
        registry = Registry.load(database, region.code());
        projection = new AvailabilityProjection(registry, clock);
        projection.load(database);
        PrometheusMeterRegistry metrics = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        metrics.config().meterFilter(SecretLabels.of(registry));
        new JvmMemoryMetrics().bindTo(metrics);
        new JvmThreadMetrics().bindTo(metrics);
        new ProcessorMetrics().bindTo(metrics);
        new UptimeMetrics().bindTo(metrics);
        Gauge.builder("opvang.audit.chain.broken", anchors, a -> a.broken() ? 1 : 0)
                .description("1 when the audit chain disagreed with its anchors outside the database at start").register(metrics);
        String mqttUser = config.mqttUser();
        String mqttPassword = config.mqttPassword();
        if (config.mqttUrl() == null) {
            int port = Ports.choose(config.mqttHost(), config.mqttPort(), 1883, config.demo(), "MQTT", "--mqtt-port");
            // Outside the demo the embedded broker takes the logins and ACL broker-config writes (docs/PRODUCTION.md).
            EmbeddedBrokerAccess secured = config.demo() ? null : embeddedAccess(dataDir);
            broker = EmbeddedBroker.start(config.mqttHost(), port, dataDir.resolve("broker"),
                    secured == null ? BrokerAccess.OPEN : secured, metrics);
            if (secured != null) {
                mqttUser = BrokerConfig.HUB_USER;
                mqttPassword = secured.hubPassword();
            }
            mqttUrl = broker.url();
        } else {
            broker = null;
            mqttUrl = config.mqttUrl();
        }
        HoldKey holdKey;
        try {
            holdKey = HoldKey.load(dataDir);
        } catch (UncheckedIOException | IllegalStateException e) {
            throw new ConfigException(e.getMessage() + "; check the data folder given with --data");
        }
        AuditLog audit = new AuditLog(clock);
        // The gateway is created below; holds are sent through it once it exists (and re-sent when nodes come online).
        holds = new HoldService(database, registry, projection, audit, holdKey, HoldPolicy.defaults(),
                this::sendCommand, clock);
        LostEvents lostEvents = new LostEvents(audit, metrics);
        EventStore store = new EventStore(database, registry, projection, clock, Duration.ofSeconds(2), metrics,
                new NodeAnswers(holds), lostEvents);
        gateway = HubGateway.start(new GatewayConfig(mqttUrl, "opvang-hub", mqttUser, mqttPassword, 2000),
                store, metrics, clock);
        ticker = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "freshness");
            thread.setDaemon(true);
            return thread;
        });
        ticker.scheduleAtFixedRate(this::refresh, 1, 1, TimeUnit.SECONDS);
        // Occupancy per night for the reports: a sample every quarter hour, checked every minute.
        OccupancyRecorder occupancy = new OccupancyRecorder(database, projection, clock);
        ticker.scheduleAtFixedRate(() -> guarded("sample the occupancy", occupancy::sampleIfDue), 5, 60, TimeUnit.SECONDS);
        Retention retention = new Retention(database, audit, clock);
        Duration retentionPeriod = Duration.ofDays(config.retentionDaysOrDefault());
        ticker.scheduleAtFixedRate(() -> guarded("apply the retention period",
                () -> retention.reduceOlderThan(retentionPeriod, "hub")), 10, 6 * 60 * 60, TimeUnit.SECONDS);
        CountsBroadcast counts = new CountsBroadcast(projection, clock, gateway::publish);
        ticker.scheduleWithFixedDelay(() -> guarded("publish the region counts", counts::tick), 1, 5, TimeUnit.SECONDS);
        ticker.scheduleAtFixedRate(this::expireHolds, 5, 5, TimeUnit.SECONDS);
        holdRoutes = new HoldRoutes(holds, registry, projection, Map.of(region.code(), region.name()));
        int port = Ports.choose(config.httpHost(), config.httpPort(), 8080, config.demo(), "HTTP", "--http-port");
        int scrapePort = Ports.choose(config.metricsHostOrDefault(), config.metricsPortRequested(),
                HubConfig.DEFAULT_METRICS_PORT, config.demo(), "Metrics", "--metrics-port");
        // Reports, the printable page, break-glass and the audit view (issue 6).
        ReportRoutes reports = new ReportRoutes(region.name(), projection,
                new OccupancyReport(database, registry, clock), clock);
        SecretContacts secretContacts = new SecretContacts(database, registry, audit, clock);
        secretContacts.retireFreeText();
        SecretRoutes secrets = new SecretRoutes(secretContacts);
        AuditRoutes auditRoutes = new AuditRoutes(audit, database, anchors);
        try {
            accounts = new AccountWeb(database, registry, region.name(), projection, clock, config.demo(), metrics,
                    Duration.ofMinutes(config.sessionIdleMinutesOrDefault()));
        } catch (IllegalStateException | UncheckedIOException e) {
            throw new ConfigException(e.getMessage());
        }
        try {
            accountSetup = AccountSetup.prepare(accounts.accounts(), registry, config.adminPassword());
        } catch (AccountException e) {
            throw new ConfigException("--admin-password: " + e.getMessage() + " (choose a longer, less guessable password)");
        }
        web = new WebServer(new WebServer.Parts(projection, registry, new Health() {
            @Override
            public boolean brokerConnected() {
                return gateway.connected();
            }

            @Override
            public String database() {
                // A full disk still answers reads: whether the last batch could be stored is what counts here.
                return gateway.storing() ? database.ping() : "cannot store (disk full?)";
            }

            @Override
            public String audit() {
                return anchors.broken() ? "broken" : "ok";
            }
        }, metrics, clock, accounts, List.of(holdRoutes, reports, secrets, auditRoutes, new RetentionRoutes(retention),
                new LostEventRoutes(lostEvents, database), new RefusalRoutes(new RefusedEvents(database))),
                HttpLimits.of(config.rateLimitPerMinute(), config.trustedProxyList()).withHeaderDeadline(config.headerDeadline())));
        // /metrics on a listener of its own, localhost by default: never through the public reverse proxy (issue 11).
        metricsServer = MetricsServer.start(metrics, config.metricsHostOrDefault(), scrapePort);
        httpPort = web.start(config.httpHost(), port);
    }

    private static EmbeddedBrokerAccess embeddedAccess(Path dataDir) {
        Path dir = dataDir.resolve("broker");
        try {
            return EmbeddedBrokerAccess.load(dir);
        } catch (IllegalStateException e) {
            throw new ConfigException(e.getMessage() + "; the embedded MQTT broker admits only enrolled nodes: run "
                    + "'java -jar opvang-hub.jar broker-config --data " + dataDir + " --out " + dir + "' and start again,"
                    + " or use Mosquitto with --mqtt-url, or try it out with --demo");
        }
    }

    /** Starts the hub; a problem with how it was started is a {@link ConfigException} naming the problem and the fix. */
    public static Hub start(HubConfig config, Clock clock) {
        return new Hub(config, clock);
    }

    private void refresh() {
        guarded("refresh freshness", projection::refreshFreshness);
    }

    private static void guarded(String what, Runnable task) {
        try {
            task.run();
        } catch (RuntimeException e) {
            LOG.error("Could not {}", what, e);
        }
    }

    private boolean sendCommand(String site, String node, Command command) {
        HubGateway link = gateway;
        return link != null && link.send(site, node, command);
    }

    private void expireHolds() {
        try {
            holds.expireDue();
        } catch (RuntimeException e) {
            LOG.error("Could not expire holds", e);
        }
    }

    private static Path dataDir(HubConfig config) {
        Path dir = config.data();
        try {
            if (dir == null) {
                dir = config.demo() ? Files.createTempDirectory("opvang-demo") : Path.of("data");
            }
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new ConfigException("cannot create the data folder " + dir + " (" + e.getMessage()
                    + "); choose another with --data");
        }
        if (!Files.isWritable(dir) || !Files.isReadable(dir)) {
            throw new ConfigException("the data folder " + dir + " is not readable and writable; fix its permissions or "
                    + "choose another with --data");
        }
        return dir;
    }

    private static Region region(HubConfig config) {
        try {
            Region region = config.region() == null ? RegionFile.resource(RegionFile.SEED) : RegionFile.read(config.region());
            return config.demo() ? region.plus(RegionFile.resource(RegionFile.TEST_LOCATION)) : region;
        } catch (RegionFileException e) {
            throw new ConfigException("bad region file: " + e.getMessage());
        }
    }

    public Region region() {
        return region;
    }

    public Registry registry() {
        return registry;
    }

    public AvailabilityProjection projection() {
        return projection;
    }

    /** The accounts start-up created, or that an admin is missing (printed by {@link Main}). */
    public AccountSetup.Outcome accountSetup() {
        return accountSetup;
    }

    public AccountWeb accounts() {
        return accounts;
    }

    public Path dataDir() {
        return dataDir;
    }

    public HoldService holds() {
        return holds;
    }

    public int httpPort() {
        return httpPort;
    }

    /** The port of the metrics listener ({@code GET /metrics}). */
    public int metricsPort() {
        return metricsServer.port();
    }

    public String mqttUrl() {
        return mqttUrl;
    }

    public int mqttPort() {
        return URI.create(mqttUrl).getPort();
    }

    public boolean brokerConnected() {
        return gateway.connected();
    }

    @Override
    public void close() {
        web.close();
        metricsServer.close();
        holdRoutes.close();
        ticker.shutdownNow();
        gateway.close();
        if (broker != null) {
            broker.close();
        }
        database.close();
    }
}
