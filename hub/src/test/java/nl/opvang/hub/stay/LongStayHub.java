package nl.opvang.hub.stay;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import nl.opvang.device.config.NodeConfig;
import nl.opvang.device.node.Node;
import nl.opvang.hub.Hub;
import nl.opvang.hub.HubConfig;
import nl.opvang.hub.availability.Freshness;
import nl.opvang.hub.testkit.ApiClient;
import nl.opvang.hub.testkit.HubWithNode;
import nl.opvang.protocol.Kind;
import nl.opvang.testing.MutableClock;
import org.awaitility.Awaitility;

/**
 * A real hub in this process (seed region plus the test location, its embedded broker, a SQLite file, the demo
 * accounts with password {@code demo}) on a hand-moved clock, with two real nodes run by the device's code over that
 * broker: the vrouwenopvang's {@code kw-vo-1} (secret, domain vo: V01–V15 regular, C1–C2 crisis, 2 noodbedden) and
 * the test location's {@code test-1} (domain mo). The nodes keep the system clock: they check people in now, and the
 * hub's clock is then moved days or months on.
 */
final class LongStayHub implements AutoCloseable {
    final MutableClock clock = new MutableClock(Instant.now());
    final Hub hub;
    final Node vo;
    final Node test;
    private final ApiClient api;

    LongStayHub(Path data) {
        // No rate limit: a browser test loads several pages as several accounts within a minute.
        hub = Hub.start(HubConfig.builder().demo(true).loopbackAnyPorts().data(data.resolve("hub")).httpRateLimit(0)
                .build(), clock);
        api = new ApiClient(hub::httpPort, "demo");
        List<NodeConfig.BedConfig> beds = new ArrayList<>();
        for (int bed = 1; bed <= 15; bed++) {
            beds.add(new NodeConfig.BedConfig(String.format("V%02d", bed), Kind.REGULAR));
        }
        beds.add(new NodeConfig.BedConfig("C1", Kind.CRISIS));
        beds.add(new NodeConfig.BedConfig("C2", Kind.CRISIS));
        vo = Node.start(NodeConfig.simulated("kw-vo", "kw-vo-1", hub.mqttUrl(), data.resolve("kw-vo"), beds,
                List.of(new NodeConfig.CountConfig(Kind.NOOD, 2, false))), Clock.systemUTC());
        test = Node.start(HubWithNode.testNode(hub.mqttUrl(), data.resolve("test")), Clock.systemUTC());
        Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> live("kw-vo") && live("test"));
    }

    private boolean live(String site) {
        var location = hub.inProcess().projection().snapshot().locations().get(site);
        return location != null && location.freshness() == Freshness.LIVE;
    }

    /** Waits until the hub has stored everything both nodes sent. */
    void delivered() {
        Awaitility.await().atMost(Duration.ofSeconds(15)).until(() -> vo.pendingCount() == 0 && test.pendingCount() == 0);
    }

    /** Moves the hub's clock; sessions may end with it, so the accounts log in again. */
    void advance(Duration duration) {
        clock.advance(duration);
        api.forget();
    }

    /** A GET as {@code account} (logged in first when needed), or without credentials when it is {@code null}. */
    HttpResponse<String> get(String account, String path) {
        if (account != null && !api.loggedIn(account)) {
            api.logIn(account);
        }
        return api.get(path, account);
    }

    /** A JSON POST as {@code account} (logged in first when needed). */
    HttpResponse<String> post(String account, String path, String body) {
        if (!api.loggedIn(account)) {
            api.logIn(account);
        }
        return api.post(path, account, body);
    }

    /** Waits (up to 45 s: a node is heard every 30 s) until the hub, on its moved clock, hears both nodes again. */
    void liveAgain() {
        Awaitility.await().atMost(Duration.ofSeconds(45)).until(() -> live("kw-vo") && live("test"));
    }

    java.net.URI uri(String path) {
        return api.uri(path);
    }

    @Override
    public void close() {
        try {
            vo.close();
            test.close();
        } finally {
            hub.close();
        }
    }
}
