package nl.opvang.hub.demo;

import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import nl.opvang.device.config.NodeConfig;
import nl.opvang.device.config.StaffPin;
import nl.opvang.device.kiosk.KioskServer;
import nl.opvang.device.node.Node;
import nl.opvang.device.sim.History;
import nl.opvang.device.sim.Simulation;
import nl.opvang.hub.account.AccountSetup;
import nl.opvang.hub.account.Accounts;
import nl.opvang.hub.http.Principal;
import nl.opvang.hub.location.Location;
import nl.opvang.hub.location.NodeSpec;
import nl.opvang.hub.location.PlaceSpec;
import nl.opvang.hub.placement.PastRequests;
import nl.opvang.hub.report.OccupancyRecorder;
import nl.opvang.protocol.Kind;

/**
 * The demo's simulated region: one node per seed location, run through the device's own code over real MQTT
 * (no second implementation of a node). The test location gets no node: it is for clients from outside.
 */
public final class Demo implements AutoCloseable {
    /** The site the demo leaves to outside clients (docs/DESIGN.md §2). */
    public static final String TEST_SITE = "test";

    /** The location whose simulated node also gets a kiosk page in the demo, and its staff PIN. */
    public static final String KIOSK_SITE = "amergaard";
    public static final String KIOSK_PIN = "1234";

    private final Path hubData;
    private final Simulation simulation;
    private final KioskServer kiosk;

    private Demo(Path hubData, Simulation simulation, KioskServer kiosk) {
        this.hubData = hubData;
        this.simulation = simulation;
        this.kiosk = kiosk;
    }

    /** The seed of the demo's history: every fresh demo tells the same story. */
    public static final long HISTORY_SEED = 16L;

    /**
     * Where the hub keeps what it made itself in the demo's past, which the nodes' events do not bring: the occupancy
     * samples of its nights, and CT's placement requests ({@code placer}: the account that made them, the demo's CT).
     */
    public record Past(OccupancyRecorder occupancy, PastRequests requests, Principal placer) {
        /** With the demo's CT account as the placer. */
        public static Past of(OccupancyRecorder occupancy, PastRequests requests, Accounts accounts) {
            return new Past(occupancy, requests, accounts.find(AccountSetup.DEMO_CT).orElseThrow(
                    () -> new IllegalStateException("the demo has no account " + AccountSetup.DEMO_CT)).principal());
        }
    }

    /**
     * Starts a simulated node for every node of {@code locations} (the hub's registry) but the test location's; they
     * speak to the broker at {@code mqttUrl} and keep their data under {@code hubData}/nodes. A fresh demo first
     * lives through {@link History#WEEKS} weeks of generated history, and {@code past} gets its nights and requests.
     */
    public static Demo start(List<Location> locations, String mqttUrl, Path hubData, Past past) {
        return start(locations, mqttUrl, hubData, Duration.ofSeconds(20), NodeConfig.KioskSettings.DEFAULT_PORT,
                past, HISTORY_SEED);
    }

    /**
     * As {@link #start(List, String, Path, OccupancyRecorder)}, at another pace, with the kiosk on a free port (tests
     * never take a fixed port), and without history: an empty region whose places are all free.
     */
    public static Demo start(List<Location> locations, String mqttUrl, Path hubData, Duration meanInterval) {
        return start(locations, mqttUrl, hubData, meanInterval, 0, null, 0);
    }

    /** With the history of {@code seed}, at another pace, with the kiosk on a free port (tests). */
    public static Demo start(List<Location> locations, String mqttUrl, Path hubData, Duration meanInterval, Past past,
                             long seed) {
        return start(locations, mqttUrl, hubData, meanInterval, 0, past, seed);
    }

    private static Demo start(List<Location> locations, String mqttUrl, Path hubData, Duration meanInterval,
                              int kioskPort, Past past, long seed) {
        List<NodeConfig> configs = new ArrayList<>();
        Set<String> placedAt = new HashSet<>();
        for (Location location : locations) {
            if (location.code().equals(TEST_SITE)) {
                continue;
            }
            // CT places at the shelters; the vrouwenopvang places its own (referrals to its desk, docs/DESIGN.md §4).
            if (!location.secret() && !location.audience().vo()) {
                placedAt.add(location.code());
            }
            for (NodeSpec node : location.nodes()) {
                // A real node's config names its own location (local only: the kiosk's title, also at a secret one).
                configs.add(config(mqttUrl, hubData, node).withName(location.name()));
            }
        }
        // Only a fresh data folder gets the history: a restarted demo's nodes already have theirs.
        boolean fresh = !Files.isDirectory(hubData.resolve("nodes"));
        History.Plan history = past != null && fresh ? History.plan(configs, Instant.now(), seed, placedAt) : null;
        if (history != null) {
            // Before the nodes replay: the check-ins that name a request find it at the hub, ended, as it really would.
            past.requests().write(past.placer(), requests(history, configs));
        }
        Simulation simulation = Simulation.start(configs, meanInterval, System.nanoTime(), history);
        if (history != null) {
            past.occupancy().backfill(nights(history));
        }
        return new Demo(hubData, simulation, kiosk(simulation, kioskPort));
    }

    /** The history's placement requests as the hub keeps them. */
    static List<PastRequests.Past> requests(History.Plan history, List<NodeConfig> configs) {
        return history.requests().stream().map(request -> new PastRequests.Past(request.hold(),
                configs.get(request.node()).site(), configs.get(request.node()).node(), request.kind(),
                request.at(), request.answeredAt(), request.bed(),
                request.refusal() == null ? null : request.refusal().label(), request.checkedInAt())).toList();
    }

    /** The history's nights per location and kind, for the occupancy report (the hub samples only the present). */
    static List<OccupancyRecorder.PastNight> nights(History.Plan history) {
        Map<List<Object>, int[]> sums = new LinkedHashMap<>();
        for (History.Sample sample : history.samples()) {
            int[] sum = sums.computeIfAbsent(List.of(sample.night(), sample.site(), sample.kind()), key -> new int[2]);
            sum[0] += sample.occupied();
            sum[1] += sample.capacity();
        }
        List<OccupancyRecorder.PastNight> nights = new ArrayList<>();
        sums.forEach((key, sum) -> nights.add(new OccupancyRecorder.PastNight((LocalDate) key.get(0), (String) key.get(1),
                (Kind) key.get(2), sum[0], sum[1])));
        return nights;
    }

    /** The kiosk page of one simulated node, so that a person can check someone in as night staff would. */
    private static KioskServer kiosk(Simulation simulation, int preferredPort) {
        Node node = simulation.nodes().stream().filter(each -> each.config().site().equals(KIOSK_SITE)).findFirst()
                .orElse(null);
        if (node == null) {
            return null;
        }
        for (int port : preferredPort == 0 ? new int[] {0} : new int[] {preferredPort, 0}) {
            try {
                return KioskServer.start(node, new NodeConfig.KioskSettings(port, StaffPin.hash(KIOSK_PIN), Duration.ofMinutes(10),
                        null), null, Clock.systemUTC());
            } catch (RuntimeException portInUse) {
                // Try a free port instead.
            }
        }
        return null;
    }

    /** The demo kiosk's address, when it runs. */
    public Optional<URI> kioskUri() {
        return Optional.ofNullable(kiosk).map(KioskServer::uri);
    }

    /** The config the hub generates for a simulated node, from its registry entry. */
    static NodeConfig config(String mqttUrl, Path hubData, NodeSpec node) {
        List<NodeConfig.BedConfig> beds = new ArrayList<>();
        List<NodeConfig.CountConfig> counts = new ArrayList<>();
        for (PlaceSpec place : node.places()) {
            if (place.counted()) {
                counts.add(new NodeConfig.CountConfig(place.kind(), place.capacity(), place.open()));
            } else {
                beds.add(new NodeConfig.BedConfig(place.key(), place.kind()));
            }
        }
        Path dataDir = hubData.resolve("nodes").resolve(node.code());
        return NodeConfig.simulated(node.site(), node.code(), mqttUrl, dataDir, beds, counts);
    }

    public int nodeCount() {
        return simulation.nodes().size();
    }

    /** The page of each role, and the demo account to open it with (docs/DESIGN.md §6: every role's start page). */
    private static final String[][] PAGES = {
        {"Centrale Toegang (CT)", "/", "ct"},
        {"Veilig Thuis", "/vt", "veiligthuis"},
        {"VO desk", "/vo", "vo-desk"},
        {"Night staff", "/vo", "nacht-" + KIOSK_SITE + " (one per location: nacht-<location>)"},
        {"Admin", "/admin", "admin"},
        {"Occupancy report", "/report", "ct"},
        {"Monitoring (gemeente)", "/monitor", "gemeente"},
        {"Privacy officer", "/privacy", "privacy (rights requests made at the kiosk)"},
        {"Printable overview", "/print", "ct"},
    };

    /** The pages {@link #printWelcome} lists: title, path, account. */
    static List<String[]> pages() {
        return List.of(PAGES);
    }

    /**
     * What a person who just started the demo needs: every role's page with the account to log in as, the kiosk, and
     * how to speak to it from outside. {@code fresh}: the data folder is the demo's own, removed when it stops.
     */
    public void printWelcome(PrintStream out, int http, int metrics, int mqtt, boolean fresh) {
        String base = "http://localhost:" + http;
        out.println();
        out.println("  opvang demo: " + nodeCount() + " simulated location nodes are checking people in and out.");
        out.println("  Data folder" + (fresh ? " (fresh)" : "") + ": " + hubData
                + (fresh ? "   (removed when the demo stops)" : ""));
        out.println();
        out.println("  Open in a browser and log in with the account shown; every demo password is 'demo':");
        for (String[] page : PAGES) {
            out.printf("    %-22s %-32s %s%n", page[0], base + page[1], page[2]);
        }
        kioskUri().ifPresent(uri -> out.printf("    %-22s %-32s %s%n", "Kiosk (Amergaard)", uri, "staff PIN " + KIOSK_PIN));
        out.println();
        out.println("  For programs:");
        out.println("    Availability (JSON)    " + base + "/api/v1/availability");
        out.println("    Live stream (SSE)      " + base + "/api/v1/availability/stream");
        out.println("    API description        " + base + "/openapi.json");
        out.println("    Health                 " + base + "/health");
        out.println("    Metrics (own port)     http://localhost:" + metrics + "/metrics");
        out.println("    Fallback overview      " + hubData.resolve("fallback").resolve("overzicht.html")
                + "   (rewritten every 15 minutes)");
        out.println();
        out.println("  Test location (site 'test', node 'test-1', beds T1-T4 regular, T5 crisis) has no simulated node:");
        out.println("  speak the wire contract to it yourself, e.g. with mosquitto_pub (see README.md):");
        out.println("    mosquitto_pub -p " + mqtt + " -q 1 -t opvang/v1/test/test-1/birth -m '{\"v\":1,\"id\":\"...\",...}'");
        out.println();
        out.println("  Press Ctrl-C to stop.");
    }

    @Override
    public void close() {
        if (kiosk != null) {
            kiosk.close();
        }
        simulation.close();
    }
}
