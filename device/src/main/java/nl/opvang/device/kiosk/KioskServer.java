package nl.opvang.device.kiosk;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import nl.opvang.device.config.ConfigProblem;
import nl.opvang.device.config.NodeConfig;
import nl.opvang.device.json.Json;
import nl.opvang.device.node.Node;
import nl.opvang.hardware.CardReader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The kiosk page and its JSON API on 127.0.0.1, shown by Chromium in kiosk mode on the node's touchscreen. Uses the
 * JDK's HTTP server: no extra dependency and little memory on a Pi. It also comes up without a node, to show in
 * Dutch why the node could not start (docs/DESIGN.md §2: the kiosk always comes up).
 */
public final class KioskServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(KioskServer.class);
    private static final String RESOURCES = "/nl/opvang/device/kiosk/";
    private static final Map<String, String> FILES = Map.of(
            "/", "index.html;text/html; charset=utf-8",
            "/kiosk.css", "kiosk.css;text/css; charset=utf-8",
            "/kiosk.js", "kiosk.js;text/javascript; charset=utf-8");

    private final HttpServer server;
    private final ExecutorService workers;
    private final KioskApi api;
    private final ObjectMapper mapper = Json.mapper();

    private KioskServer(int port, KioskApi api) {
        this.api = api;
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 16);
        } catch (IOException e) {
            throw new UncheckedIOException("kiosk cannot listen on 127.0.0.1:" + port, e);
        }
        // Two workers: one screen, and node writes return after a short local commit.
        workers = Executors.newFixedThreadPool(2, runnable -> {
            Thread thread = new Thread(runnable, "kiosk-http");
            thread.setDaemon(true);
            return thread;
        });
        server.setExecutor(workers);
        server.createContext("/", this::serve);
        server.start();
    }

    /** The kiosk for a running node. {@code reader} may be null when no pass reader is fitted. */
    public static KioskServer start(Node node, NodeConfig.KioskSettings settings, CardReader reader, Clock clock) {
        PassSlot passes = new PassSlot(reader, clock);
        Sessions sessions = new Sessions(settings.staffPin(), settings.idleLock(), clock);
        KioskApi api = new KioskApi(node, sessions, passes, new StateView(node, passes, clock), null);
        return new KioskServer(settings.port(), api);
    }

    /** The kiosk without a node, showing why the config cannot be used. */
    public static KioskServer showing(int port, ConfigProblem problem) {
        return showingText(port, Dutch.configProblem(problem));
    }

    /** The kiosk without a node, because its data folder or database cannot be used. */
    public static KioskServer showingStorageProblem(int port) {
        return showingText(port, Dutch.storageProblem());
    }

    private static KioskServer showingText(int port, String dutch) {
        Sessions locked = new Sessions(null, Duration.ofMinutes(1), Clock.systemUTC());
        return new KioskServer(port, new KioskApi(null, locked, new PassSlot(null, Clock.systemUTC()), null, dutch));
    }

    public int port() {
        return server.getAddress().getPort();
    }

    public URI uri() {
        return URI.create("http://127.0.0.1:" + port() + "/");
    }

    private void serve(HttpExchange http) throws IOException {
        Exchange exchange = new Exchange(http, mapper);
        try {
            if (!fromThisMachine(http)) {
                exchange.error(403, "Alleen voor het scherm van deze kiosk.");
            } else if (exchange.path().startsWith("/api/")) {
                api.handle(exchange);
            } else {
                file(exchange);
            }
        } catch (RuntimeException e) {
            // Never a stack trace on the screen, never the request body in the log.
            LOG.error("kiosk request {} {} failed: {}", exchange.method(), exchange.path(), e.toString());
            exchange.error(500, "Er ging iets mis. Er is niets bewaard. Probeer het opnieuw.");
        }
    }

    /** The Host header must name this server, so that a web page elsewhere cannot reach it by DNS rebinding. */
    private boolean fromThisMachine(HttpExchange http) {
        String host = http.getRequestHeaders().getFirst("Host");
        return host != null && (host.equals("127.0.0.1:" + port()) || host.equals("localhost:" + port()));
    }

    private void file(Exchange exchange) throws IOException {
        if ("/words.js".equals(exchange.path()) && "GET".equals(exchange.method())) {
            exchange.send(200, "text/javascript; charset=utf-8", Dutch.script(mapper));
            return;
        }
        String entry = FILES.get(exchange.path());
        if (entry == null || !"GET".equals(exchange.method())) {
            exchange.send(404, "text/plain; charset=utf-8", exchange.utf8("Niet gevonden"));
            return;
        }
        String[] parts = entry.split(";", 2);
        try (InputStream in = KioskServer.class.getResourceAsStream(RESOURCES + parts[0])) {
            if (in == null) {
                throw new IllegalStateException("kiosk resource missing: " + parts[0]);
            }
            exchange.send(200, parts[1], in.readAllBytes());
        }
    }

    @Override
    public void close() {
        server.stop(0);
        workers.shutdownNow();
    }
}
