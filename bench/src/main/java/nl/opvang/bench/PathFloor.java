package nl.opvang.bench;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.sqlite.SQLiteConfig;

/**
 * The floor of the node commit → SSE figure: the same path with no hub logic. A Paho publisher sends a message; a
 * relay (a Paho subscriber whose callback only enqueues, as the hub's does) has one worker thread insert it into
 * SQLite (WAL, {@code synchronous=FULL}, one commit) and write one SSE frame to a JDK {@code HttpServer} stream; a
 * {@code java.net.http} client reads the frame. Timed from the publish call to the frame read, one change in flight
 * and 5 ms apart, as in the SSE figure. Whatever this path costs at p99 on this machine, the hub cannot beat.
 */
final class PathFloor {
    private final String brokerUrl;
    private final Path dir;
    private int runs;

    PathFloor(String brokerUrl, Path dir) {
        this.brokerUrl = brokerUrl;
        this.dir = dir;
    }

    /** One run of {@code count} changes: p50 and p99 in ms. */
    double[] run(int count) throws Exception {
        int run = ++runs;
        String topic = "bench/path/" + run;
        Path file = dir.resolve("path-floor-" + run + ".db");
        BlockingQueue<byte[]> inbox = new LinkedBlockingQueue<>();
        BlockingQueue<Long> frames = new LinkedBlockingQueue<>();
        CompletableFuture<OutputStream> stream = new CompletableFuture<>();
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/stream", exchange -> {
            exchange.getResponseHeaders().set("Content-Type", "text/event-stream");
            exchange.sendResponseHeaders(200, 0);
            stream.complete(exchange.getResponseBody());
        });
        server.start();
        SQLiteConfig config = new SQLiteConfig();
        config.setJournalMode(SQLiteConfig.JournalMode.WAL);
        config.setSynchronous(SQLiteConfig.SynchronousMode.FULL);
        MqttAsyncClient relay = null;
        MqttAsyncClient publisher = null;
        Thread worker = null;
        Thread reader = null;
        try (Connection db = DriverManager.getConnection("jdbc:sqlite:" + file, config.toProperties())) {
            try (Statement statement = db.createStatement()) {
                statement.executeUpdate("CREATE TABLE event (id INTEGER PRIMARY KEY, body BLOB)");
            }
            HttpClient http = HttpClient.newHttpClient();
            Stream<String> lines = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                    + server.getAddress().getPort() + "/stream")).GET().build(), HttpResponse.BodyHandlers.ofLines()).body();
            reader = new Thread(() -> lines.filter(line -> line.startsWith("data:"))
                    .forEach(line -> frames.add(System.nanoTime())), "path-floor-reader");
            reader.setDaemon(true);
            reader.start();
            OutputStream out = stream.get(10, TimeUnit.SECONDS);
            worker = new Thread(() -> relay(db, inbox, out), "path-floor-worker");
            worker.setDaemon(true);
            worker.start();
            relay = Clients.connectWithHandler(brokerUrl, "bench-path-relay-" + run, true, (t, payload) -> inbox.add(payload));
            relay.subscribe(topic, 1).waitForCompletion(10_000);
            publisher = Clients.connect(brokerUrl, "bench-path-publisher-" + run, true);
            long[] latencies = new long[count];
            for (int i = 0; i < count; i++) {
                long start = System.nanoTime();
                publisher.publish(topic, MqttFloor.PAYLOAD, 1, false);
                Long arrived = frames.poll(10, TimeUnit.SECONDS);
                if (arrived == null) {
                    throw new IllegalStateException("no SSE frame within 10 s for change " + i);
                }
                latencies[i] = arrived - start;
                Thread.sleep(5);
            }
            return new double[] {Stats.millis(Stats.percentile(latencies, 0.5)),
                Stats.millis(Stats.percentile(latencies, 0.99))};
        } finally {
            Clients.close(publisher);
            Clients.close(relay);
            if (worker != null) {
                worker.interrupt();
            }
            server.stop(0);
            if (reader != null) {
                reader.interrupt();
            }
            Files.deleteIfExists(file);
            Files.deleteIfExists(Path.of(file + "-wal"));
            Files.deleteIfExists(Path.of(file + "-shm"));
        }
    }

    /** The relay's worker: one durable commit, then one SSE frame, per message. */
    private static void relay(Connection db, BlockingQueue<byte[]> inbox, OutputStream out) {
        try (PreparedStatement insert = db.prepareStatement("INSERT INTO event (body) VALUES (?)")) {
            long n = 0;
            while (!Thread.currentThread().isInterrupted()) {
                byte[] payload = inbox.take();
                insert.setBytes(1, payload);
                insert.executeUpdate();
                out.write(("data: " + ++n + "\n\n").getBytes(StandardCharsets.UTF_8));
                out.flush();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (SQLException | IOException e) {
            // The run notices: no frame arrives.
        }
    }
}
