package nl.opvang.hub;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.UncheckedIOException;
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
import nl.opvang.hub.account.AccountSetup;
import nl.opvang.hub.account.AccountWeb;
import nl.opvang.hub.audit.AuditAnchors;
import nl.opvang.hub.audit.AuditLog;
import nl.opvang.hub.audit.AuditRoutes;
import nl.opvang.hub.availability.AvailabilityProjection;
import nl.opvang.hub.availability.CountsBroadcast;
import nl.opvang.hub.availability.Visibility;
import nl.opvang.hub.capacity.CapacityLink;
import nl.opvang.hub.capacity.CapacityRoutes;
import nl.opvang.hub.capacity.CapacityService;
import nl.opvang.hub.coldweather.ColdWeather;
import nl.opvang.hub.coldweather.ColdWeatherRoutes;
import nl.opvang.hub.groups.GroupEdits;
import nl.opvang.hub.groups.GroupRoutes;
import nl.opvang.hub.ingest.EventStore;
import nl.opvang.hub.ingest.LostEventRoutes;
import nl.opvang.hub.ingest.LostEvents;
import nl.opvang.hub.ingest.RefusalRoutes;
import nl.opvang.hub.ingest.RefusedEvents;
import nl.opvang.hub.location.LocationDates;
import nl.opvang.hub.location.Region;
import nl.opvang.hub.location.Registry;
import nl.opvang.hub.ops.BrokerConfig;
import nl.opvang.hub.ops.EmbeddedBrokerAccess;
import nl.opvang.hub.ops.FallbackFile;
import nl.opvang.hub.placement.HoldKey;
import nl.opvang.hub.placement.HoldPolicy;
import nl.opvang.hub.placement.HoldRoutes;
import nl.opvang.hub.placement.HoldService;
import nl.opvang.hub.placement.PastRequests;
import nl.opvang.hub.monitoring.LedgerStore;
import nl.opvang.hub.monitoring.Monitoring;
import nl.opvang.hub.monitoring.MonitoringRoutes;
import nl.opvang.hub.placement.NodeAnswers;
import nl.opvang.hub.referral.ReferralRoutes;
import nl.opvang.hub.referral.Referrals;
import nl.opvang.hub.report.OccupancyRecorder;
import nl.opvang.hub.report.OccupancyReport;
import nl.opvang.hub.report.ReportRoutes;
import nl.opvang.hub.privacy.PrivacyRequests;
import nl.opvang.hub.privacy.PrivacyRoutes;
import nl.opvang.hub.retention.Retention;
import nl.opvang.hub.retention.RetentionRoutes;
import nl.opvang.hub.secret.SecretContacts;
import nl.opvang.hub.secret.SecretRoutes;
import nl.opvang.hub.stay.LongStayRoutes;
import nl.opvang.hub.stay.LongStays;
import nl.opvang.hub.store.DataKey;
import nl.opvang.hub.store.Database;
import nl.opvang.hub.waitlist.Waitlist;
import nl.opvang.hub.waitlist.WaitlistRoutes;
import nl.opvang.hub.web.Health;
import nl.opvang.hub.web.HttpLimits;
import nl.opvang.hub.web.MetricsServer;
import nl.opvang.hub.web.SecretLabels;
import nl.opvang.hub.web.WebServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The hub's composition root (docs/DESIGN.md §2): builds every part once, in dependency order, by constructors. What
 * it opens (database, broker, gateway, ticker, listeners) goes into {@link Opened}; when a step fails, everything
 * opened before it is closed in reverse order before the failure propagates, so a failed start leaves no port, file
 * or thread behind.
 */
final class HubWiring {
    private static final Logger LOG = LoggerFactory.getLogger(HubWiring.class);

    private final HubConfig config;
    private final Clock clock;
    private final Opened opened = new Opened();

    private HubWiring(HubConfig config, Clock clock) {
        this.config = config;
        this.clock = clock;
    }

    static Hub start(HubConfig config, Clock clock) {
        HubWiring wiring = new HubWiring(config, clock);
        try {
            return wiring.build();
        } catch (RuntimeException | Error e) {
            wiring.opened.closeAfter(e);
            throw e;
        }
    }

    /** The MQTT broker the gateway connects to, and how it logs in. */
    private record Mqtt(String url, String user, String password) {
    }

    private Hub build() {
        Path dataDir = StartSteps.dataDir(config);
        opened.add("the demo's fresh data folder", StartSteps.removedOnClose(config, dataDir));
        Region region = StartSteps.region(config);
        Database database = opened.add("the database", StartSteps.database(dataDir));
        AuditLog audit = new AuditLog(clock);
        AuditAnchors anchors = StartSteps.anchors(config, dataDir, database, audit, clock);
        Registry.seed(database, region);
        Registry registry = Registry.load(database, region.code());
        LocationDates dates = CapacityService.dates(database, region);
        AvailabilityProjection projection = new AvailabilityProjection(registry, clock, dates);
        projection.load(database);
        PrometheusMeterRegistry metrics = metrics(registry, anchors);
        Mqtt mqtt = mqtt(dataDir, metrics);
        HoldKey holdKey = StartSteps.holdKey(dataDir);
        // The web and metrics ports are checked before the gateway connects: a port in use then stops only the broker.
        // Port 0 is left to the listeners themselves, which report the port they bound.
        int httpPort = Ports.chooseForListener(config.httpHost(), config.httpPort(), 8080, config.demo(), "HTTP",
                "--http-port");
        int scrapePort = Ports.chooseForListener(config.metricsHostOrDefault(), config.metricsPortRequested(),
                HubConfig.DEFAULT_METRICS_PORT, config.demo(), "Metrics", "--metrics-port");
        // The command path before the ingest path: holds send through the gateway, which connects only once the store
        // (which hands node answers back to the holds) exists.
        HubGateway gateway = opened.add("the MQTT gateway", StartSteps.gateway(
                new GatewayConfig(mqtt.url(), "opvang-hub", mqtt.user(), mqtt.password(), 2000), metrics, clock));
        HoldService holds = new HoldService(database, registry, projection, audit, holdKey, HoldPolicy.defaults(),
                gateway::send, clock);
        // Follows its holds before the ingest starts, so that no check-in ends a hold unseen (issue 13).
        Waitlist waitlist = new Waitlist(database, holds, projection, registry, audit, region.municipalities(), clock)
                .following();
        // Referrals to the vrouwenopvang (issue 14): they follow the holds their desks make, sealed with the same key.
        Referrals referrals = new Referrals(database, holds, registry, audit, DataKey.load(dataDir), clock,
                region::responseTime);
        LostEvents lostEvents = new LostEvents(audit, metrics);
        gateway.start(new EventStore(database, registry, projection, clock, Duration.ofSeconds(2), metrics,
                new NodeAnswers(holds), lostEvents, new LedgerStore()));
        Retention retention = new Retention(database, audit, clock, config.retentionPeriods());
        // Rights requests (issue 17): erasures and restrictions of the privacy log hold again after a restore.
        PrivacyRequests privacy = new PrivacyRequests(database, registry, audit,
                StartSteps.privacyLog(dataDir, config.privacyLog()), clock);
        privacy.reapply();
        // Cold-weather mode (issue 13): a period whose end time passed while the hub was down ends now.
        ColdWeather coldWeather = new ColdWeather(database, registry, projection, audit, gateway::send, clock,
                metrics);
        coldWeather.endIfDue();
        // Capacity over time (issue 13): changes with dates, sent to the nodes until confirmed.
        CapacityService capacity = new CapacityService(database, registry, projection, dates, audit, clock);
        CapacityLink capacityLink = new CapacityLink(database, capacity, projection, gateway::send, clock);
        ScheduledExecutorService ticker = ticker();
        ticker.scheduleWithFixedDelay(() -> guarded("send capacity limits", capacityLink::tick), 3, 2, TimeUnit.SECONDS);
        ticker.scheduleWithFixedDelay(() -> guarded("end due referrals", referrals::endDue), 30, 60, TimeUnit.SECONDS);
        ticker.scheduleWithFixedDelay(() -> guarded("follow the rights requests", privacy::tick), 60, 60, TimeUnit.SECONDS);
        OccupancyRecorder occupancy = new OccupancyRecorder(database, projection, clock);
        schedule(ticker, projection, holds, occupancy, retention,
                new CountsBroadcast(projection, new Visibility(registry, region.name()), clock, gateway::publish,
                        coldWeather::until), coldWeather);
        // Their streams are ended by the web server, before it stops (WebFeature.close).
        HoldRoutes holdRoutes = new HoldRoutes(holds, registry, projection, Map.of(region.code(), region.name()));
        ReferralRoutes referralRoutes = new ReferralRoutes(referrals, projection);
        // Reports, the printable page, break-glass and the audit view (issue 6).
        ReportRoutes reports = new ReportRoutes(region.name(), projection, new OccupancyReport(database, registry, clock),
                clock);
        // The printable overview as a file beside the data, for when the hub itself is down (issue 15): now, then
        // every quarter hour (checked every 5 s, so that a test's clock may jump).
        FallbackFile fallback = new FallbackFile(dataDir, reports::overview, clock);
        guarded("write the fallback overview", fallback::write);
        ticker.scheduleWithFixedDelay(() -> guarded("write the fallback overview", fallback::writeIfDue), 5, 5,
                TimeUnit.SECONDS);
        SecretContacts secretContacts = new SecretContacts(database, registry, audit, clock);
        secretContacts.retireFreeText();
        RefusedEvents refused = new RefusedEvents(database);
        AccountWeb accounts = accounts(database, registry, region, projection, audit, refused, metrics);
        AccountSetup.Outcome accountSetup = StartSteps.accountSetup(config, accounts, registry);
        WebServer web = opened.add("the web server", new WebServer(new WebServer.Parts(projection, registry,
                health(gateway, database, anchors), metrics, clock, accounts,
                List.of(holdRoutes, referralRoutes, reports, new SecretRoutes(secretContacts),
                        new AuditRoutes(audit, database, anchors),
                        new RetentionRoutes(retention), new LostEventRoutes(lostEvents, database),
                        new RefusalRoutes(refused), new ColdWeatherRoutes(coldWeather), new WaitlistRoutes(waitlist),
                        new CapacityRoutes(capacity, registry, region),
                        new LongStayRoutes(new LongStays(database, registry, clock)), new PrivacyRoutes(privacy, registry),
                        new MonitoringRoutes(new Monitoring(database, registry, region.municipalities(), clock)),
                        new GroupRoutes(new GroupEdits(database, registry, projection, audit, clock))),
                HttpLimits.of(config.rateLimitPerMinute(), config.trustedProxyList())
                        .withHeaderDeadline(config.headerDeadline()))));
        // /metrics on a listener of its own, localhost by default: never through the public reverse proxy (issue 11).
        MetricsServer metricsServer = opened.add("the metrics listener",
                MetricsServer.start(metrics, config.metricsHostOrDefault(), scrapePort));
        int boundHttpPort = web.start(config.httpHost(), httpPort);
        return new Hub(opened, new Hub.Addresses(boundHttpPort, mqtt.url(), metricsServer.port(), dataDir), accountSetup,
                gateway::connected, new Hub.InProcess(registry, projection, holds, accounts, occupancy,
                new PastRequests(database, registry, HoldPolicy.defaults(), clock)));
    }

    private static PrometheusMeterRegistry metrics(Registry registry, AuditAnchors anchors) {
        PrometheusMeterRegistry metrics = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        metrics.config().meterFilter(SecretLabels.of(registry));
        new JvmMemoryMetrics().bindTo(metrics);
        new JvmThreadMetrics().bindTo(metrics);
        new ProcessorMetrics().bindTo(metrics);
        new UptimeMetrics().bindTo(metrics);
        Gauge.builder("opvang.audit.chain.broken", anchors, a -> a.broken() ? 1 : 0)
                .description("1 when the audit chain disagreed with its anchors outside the database at start").register(metrics);
        return metrics;
    }

    /** Mosquitto given with {@code --mqtt-url}, or the embedded broker, started here and closed with the hub. */
    private Mqtt mqtt(Path dataDir, PrometheusMeterRegistry metrics) {
        if (config.mqttUrl() != null) {
            return new Mqtt(config.mqttUrl(), config.mqttUser(), config.mqttPassword());
        }
        int port = Ports.choose(config.mqttHost(), config.mqttPort(), 1883, config.demo(), "MQTT", "--mqtt-port");
        // Outside the demo the embedded broker takes the logins and ACL broker-config writes (docs/PRODUCTION.md).
        EmbeddedBrokerAccess secured = config.demo() ? null : StartSteps.embeddedAccess(dataDir);
        EmbeddedBroker broker = opened.add("the embedded MQTT broker", EmbeddedBroker.start(config.mqttHost(), port,
                dataDir.resolve("broker"), secured == null ? BrokerAccess.OPEN : secured, metrics));
        return secured == null ? new Mqtt(broker.url(), config.mqttUser(), config.mqttPassword())
                : new Mqtt(broker.url(), BrokerConfig.HUB_USER, secured.hubPassword());
    }

    /** One daemon thread for the periodic work; stopped (and waited for) before the database closes. */
    private ScheduledExecutorService ticker() {
        ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "freshness");
            thread.setDaemon(true);
            return thread;
        });
        opened.add("the ticker", () -> {
            ticker.shutdownNow();
            ticker.awaitTermination(5, TimeUnit.SECONDS);
        });
        return ticker;
    }

    private void schedule(ScheduledExecutorService ticker, AvailabilityProjection projection, HoldService holds,
                          OccupancyRecorder occupancy, Retention retention, CountsBroadcast counts,
                          ColdWeather coldWeather) {
        ticker.scheduleAtFixedRate(() -> guarded("refresh freshness", projection::refreshFreshness), 1, 1, TimeUnit.SECONDS);
        // Occupancy per night for the reports: a sample every quarter hour, checked every minute.
        ticker.scheduleAtFixedRate(() -> guarded("sample the occupancy", occupancy::sampleIfDue), 5, 60, TimeUnit.SECONDS);
        // The retention table (docs/DESIGN.md §5): stays' token links, ended holds, closed waiting-list entries, ...
        ticker.scheduleAtFixedRate(() -> guarded("apply the retention periods", () -> retention.run("hub")), 10,
                6 * 60 * 60, TimeUnit.SECONDS);
        ticker.scheduleWithFixedDelay(() -> guarded("publish the region counts", counts::tick), 1, 5, TimeUnit.SECONDS);
        ticker.scheduleAtFixedRate(() -> guarded("expire holds", holds::expireDue), 5, 5, TimeUnit.SECONDS);
        ticker.scheduleWithFixedDelay(() -> guarded("keep cold-weather mode", coldWeather::tick), 1, 1, TimeUnit.SECONDS);
    }

    private static void guarded(String what, Runnable task) {
        try {
            task.run();
        } catch (RuntimeException e) {
            LOG.error("Could not {}", what, e);
        }
    }

    private AccountWeb accounts(Database database, Registry registry, Region region, AvailabilityProjection projection,
                                AuditLog audit, RefusedEvents refused, PrometheusMeterRegistry metrics) {
        try {
            return new AccountWeb(database, registry, region.name(), projection, audit, refused, clock, config.demo(), metrics,
                    Duration.ofMinutes(config.sessionIdleMinutesOrDefault()));
        } catch (IllegalStateException | UncheckedIOException e) {
            throw new ConfigException(e.getMessage());
        }
    }

    private static Health health(HubGateway gateway, Database database, AuditAnchors anchors) {
        return new Health() {
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
        };
    }
}
