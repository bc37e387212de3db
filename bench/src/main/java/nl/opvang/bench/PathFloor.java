package nl.opvang.bench;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
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
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.sqlite.SQLiteConfig;

/**
 * The floor of the node commit → SSE figure: the same path with no hub logic. A Paho publisher sends a message; a
 * relay (a Paho subscriber whose callback only enqueues, as the hub's does) has one worker thread insert it into
 * SQLite (WAL, {@code synchronous=FULL}, one commit) and write one SSE frame to a JDK {@code HttpServer} stream; the
 * bench's {@link SseStream} reads the frame. Timed from the publish call to the frame read, one change in flight and
 * 5 ms apart, after the same warm-up, as in the SSE figure.
 */
final class PathFloor implements AutoCloseable {
    private static final String TOPIC = "bench/path";

    private final Path file;
    private final BlockingQueue<Long> frames = new LinkedBlockingQueue<>();
    private final HttpServer server;
    private final Connection db;
    private final SseStream stream;
    private final Thread reader;
    private final Thread worker;
    private final MqttAsyncClient relay;
    private final MqttAsyncClient publisher;

    PathFloor(String brokerUrl, Path dir) throws Exception {
        file = dir.resolve("path-floor.db");
        BlockingQueue<byte[]> inbox = new LinkedBlockingQueue<>();
        CompletableFuture<OutputStream> response = new CompletableFuture<>();
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/stream", exchange -> {
            exchange.getResponseHeaders().set("Content-Type", "text/event-stream");
            exchange.sendResponseHeaders(200, 0);
            response.complete(exchange.getResponseBody());
        });
        server.start();
        SQLiteConfig config = new SQLiteConfig();
        config.setJournalMode(SQLiteConfig.JournalMode.WAL);
        config.setSynchronous(SQLiteConfig.SynchronousMode.FULL);
        db = DriverManager.getConnection("jdbc:sqlite:" + file, config.toProperties());
        try (Statement statement = db.createStatement()) {
            statement.executeUpdate("CREATE TABLE event (id INTEGER PRIMARY KEY, body BLOB)");
        }
        stream = new SseStream(server.getAddress().getPort(), "/stream", null);
        reader = new Thread(this::read, "path-floor-reader");
        reader.setDaemon(true);
        reader.start();
        OutputStream out = response.get(10, TimeUnit.SECONDS);
        worker = new Thread(() -> relay(db, inbox, out), "path-floor-worker");
        worker.setDaemon(true);
        worker.start();
        relay = Clients.connectWithHandler(brokerUrl, "bench-path-relay", true, (t, payload) -> inbox.add(payload));
        relay.subscribe(TOPIC, 1).waitForCompletion(10_000);
        publisher = Clients.connect(brokerUrl, "bench-path-publisher", true);
    }

    private void read() {
        try {
            for (String line = stream.line(); line != null; line = stream.line()) {
                if (line.startsWith("data:")) {
                    frames.add(System.nanoTime());
                }
            }
        } catch (IOException closed) {
            // The floor is closing.
        }
    }

    /** Changes back to back until the JIT settles ({@link Steady}), at most {@code max}: changes, last batch ms. */
    long[] warmUp(int max) throws Exception {
        return Steady.warmUp(max, this::change);
    }

    /** One run of {@code count} changes, 5 ms apart: p50 and p99 in ms. */
    double[] run(int count) throws Exception {
        long[] latencies = new long[count];
        for (int i = 0; i < count; i++) {
            latencies[i] = change();
            Thread.sleep(5);
        }
        return new double[] {Stats.millis(Stats.percentile(latencies, 0.5)),
            Stats.millis(Stats.percentile(latencies, 0.99))};
    }

    /** Publishes one message and waits for its frame: the time in ns. */
    private long change() throws Exception {
        long start = System.nanoTime();
        publisher.publish(TOPIC, MqttFloor.PAYLOAD, 1, false);
        Long arrived = frames.poll(10, TimeUnit.SECONDS);
        if (arrived == null) {
            throw new IllegalStateException("no SSE frame within 10 s");
        }
        return arrived - start;
    }

    @Override
    public void close() throws IOException, SQLException {
        Clients.close(publisher);
        Clients.close(relay);
        worker.interrupt();
        stream.close();
        server.stop(0);
        reader.interrupt();
        db.close();
        Files.deleteIfExists(file);
        Files.deleteIfExists(Path.of(file + "-wal"));
        Files.deleteIfExists(Path.of(file + "-shm"));
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
