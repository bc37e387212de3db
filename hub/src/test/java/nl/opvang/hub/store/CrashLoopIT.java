package nl.opvang.hub.store;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import nl.opvang.gateway.Inbound;
import nl.opvang.gateway.Reply;
import nl.opvang.hub.testkit.HubProcess;
import nl.opvang.hub.testkit.HubStoreFixture;
import nl.opvang.protocol.Envelope;
import nl.opvang.protocol.Kind;
import nl.opvang.protocol.NodeMessage;
import nl.opvang.protocol.Payload;
import nl.opvang.protocol.PlaceStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * FAULTS R13 and R14. A crash loop: a child JVM runs the hub's store and ingest path (database, registry, projection,
 * {@link nl.opvang.hub.ingest.EventStore}) and writes a node's events in batches, printing each ack only after its
 * commit returned, as the gateway publishes it; it is killed with {@code kill -9} at a random moment, again and again,
 * and restarted as a node would resend: from the last seq it saw acked. After every kill {@code PRAGMA
 * integrity_check} is ok and every acked seq is on disk; at the end every seq is stored exactly once.
 * {@code -Dopvang.crashloop.kills=N} sets the number of kills: 40 in the build (about a minute), 200 for FAULTS R13.
 *
 * <p>And a damaged database file at start: the hub refuses to start, says so in one line, exits non-zero, and leaves
 * the file as it was.
 */
class CrashLoopIT {
    private static final int KILLS = Integer.getInteger("opvang.crashloop.kills", 40);
    private static final String SESSION = "crash-loop-session";

    @TempDir
    Path dir;

    @Test
    void kill_9_of_the_writer_at_random_moments_never_loses_an_ack_nor_damages_the_file() throws Exception {
        Path data = dir.resolve("hub-data");
        Random random = new Random(Long.getLong("opvang.crashloop.seed", System.nanoTime()));
        long acked = 0;
        long started = System.nanoTime();
        int committedNotAcked = 0;
        for (int kill = 0; kill < KILLS; kill++) {
            Writer writer = Writer.start(data, acked + 1, dir);
            writer.awaitReady();
            // The random moment of the kill is the fault being injected, not a wait for something to happen.
            TimeUnit.MICROSECONDS.sleep(random.nextInt(150_000));
            writer.kill();
            acked = Math.max(acked, writer.highestAck());
            assertEquals("ok", integrityCheck(data), "integrity_check after kill " + (kill + 1));
            assertEquals(acked, storedUpTo(data, acked), "every seq acked before kill " + (kill + 1) + " is on disk");
            if (storedUpTo(data, Long.MAX_VALUE) > acked) {
                committedNotAcked++; // Killed between a commit and its ack: the resend will be a duplicate.
            }
        }
        // A last run without a kill writes a few more batches and ends cleanly.
        Writer last = Writer.start(data, acked + 1, dir);
        last.awaitReady();
        long target = acked + 50;
        await().atMost(Duration.ofSeconds(30)).until(() -> last.highestAck() >= target);
        last.kill();
        acked = Math.max(acked, last.highestAck());
        assertTrue(acked >= target, "the writer kept acking after " + KILLS + " kills: " + acked);

        try (Connection db = DriverManager.getConnection("jdbc:sqlite:" + data.resolve("hub.db"));
             Statement statement = db.createStatement();
             ResultSet rows = statement.executeQuery("SELECT COUNT(*), COUNT(DISTINCT seq), COUNT(DISTINCT id), MIN(seq), "
                     + "MAX(seq) FROM event WHERE session = '" + SESSION + "'")) {
            rows.next();
            long max = rows.getLong(5);
            assertEquals(1, rows.getLong(4), "the birth is seq 1");
            assertEquals(max, rows.getLong(1), "no seq missing, none doubled");
            assertEquals(max, rows.getLong(2));
            assertEquals(max, rows.getLong(3), "no id stored twice");
            assertTrue(max >= acked, "acked ⊆ stored: " + acked + " acked, " + max + " stored");
        }
        assertEquals("ok", integrityCheck(data));
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        System.out.println("CrashLoopIT: " + KILLS + " kill -9s (" + committedNotAcked + " between a commit and its ack), " + acked
                + " seqs acked, integrity_check ok after each, in " + took.toMillis() + " ms");
    }

    @Test
    void a_damaged_database_file_stops_the_hub_with_one_clear_line_and_is_left_untouched() throws Exception {
        Path template = dir.resolve("template");
        try (HubStoreFixture store = new HubStoreFixture(template)) {
            store.deliver(new Writer.Events(SESSION).upTo(1, 40).toArray(NodeMessage[]::new));
        }
        Files.deleteIfExists(template.resolve("hub.db-wal"));
        Files.deleteIfExists(template.resolve("hub.db-shm"));
        byte[] sound = Files.readAllBytes(template.resolve("hub.db"));

        for (String damage : List.of("header", "truncated", "pages")) {
            Path data = Files.createDirectories(dir.resolve(damage));
            Path file = data.resolve("hub.db");
            Files.write(file, sound);
            try (RandomAccessFile raw = new RandomAccessFile(file.toFile(), "rw")) {
                switch (damage) {
                    case "header" -> raw.write("NOT A DATABASE!!".getBytes(StandardCharsets.US_ASCII));
                    case "truncated" -> raw.setLength(sound.length / 2 + 100);
                    default -> {
                        // Garbage over every page after the first two: the schema is readable, the tables are not.
                        byte[] noise = new byte[sound.length - 8192];
                        new Random(7).nextBytes(noise);
                        raw.seek(8192);
                        raw.write(noise);
                    }
                }
            }
            String before = sha256(file);

            HubProcess.Result result = HubProcess.run(dir, Duration.ofSeconds(60), "--http-port", "0", "--mqtt-port", "0",
                    "--data", data.toString());

            assertNotEquals(0, result.exitCode(), damage + ": " + result.output());
            List<String> lines = result.output().lines().filter(line -> !line.isBlank()).toList();
            List<String> ours = lines.stream().filter(line -> line.startsWith("opvang-hub:")).toList();
            assertEquals(1, ours.size(), damage + ": one line from the hub: " + result.output());
            assertTrue(ours.get(0).contains("damaged") && ours.get(0).contains("hub.db") && ours.get(0).contains("backup"),
                    damage + ": " + ours.get(0));
            assertTrue(lines.stream().noneMatch(line -> line.contains("Exception") || line.startsWith("\tat ")),
                    damage + ": no stack trace: " + result.output());
            assertEquals(before, sha256(file), damage + ": the file was not changed");
        }
    }

    private static String sha256(Path file) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
    }

    private static String integrityCheck(Path data) throws Exception {
        try (Connection db = DriverManager.getConnection("jdbc:sqlite:" + data.resolve("hub.db"));
             Statement statement = db.createStatement();
             ResultSet rows = statement.executeQuery("PRAGMA integrity_check")) {
            rows.next();
            return rows.getString(1);
        }
    }

    private static long storedUpTo(Path data, long seq) throws Exception {
        try (Connection db = DriverManager.getConnection("jdbc:sqlite:" + data.resolve("hub.db"));
             Statement statement = db.createStatement();
             ResultSet rows = statement.executeQuery("SELECT COUNT(DISTINCT seq) FROM event WHERE session = '" + SESSION
                     + "' AND seq <= " + seq)) {
            rows.next();
            return rows.getLong(1);
        }
    }

    /**
     * The child JVM: the hub's store on {@code data}, writing the node's events from a seq on, in batches of 1 to 40,
     * printing {@code acked N} after each commit. Prints {@code ready synchronous=N} first.
     */
    static final class Writer {
        private final Process process;
        private final AtomicLong highestAck = new AtomicLong();
        private final CountDownLatch ready = new CountDownLatch(1);
        private final List<String> output = new ArrayList<>();
        private final Thread reader;
        private volatile String readyLine;

        private Writer(Process process) {
            this.process = process;
            reader = new Thread(this::read, "writer-output");
            reader.setDaemon(true);
            reader.start();
        }

        static Writer start(Path data, long fromSeq, Path workDir) throws IOException {
            String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            Process process = new ProcessBuilder(java, "-Xmx96m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xshare:auto",
                    "-cp", classPath, Writer.class.getName(), data.toString(), Long.toString(fromSeq))
                    .redirectError(ProcessBuilder.Redirect.appendTo(workDir.resolve("writer.log").toFile())).start();
            return new Writer(process);
        }

        private void read() {
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = lines.readLine()) != null) {
                    synchronized (output) {
                        output.add(line);
                    }
                    if (line.startsWith("ready")) {
                        readyLine = line;
                        ready.countDown();
                    } else if (line.startsWith("acked ")) {
                        highestAck.accumulateAndGet(Long.parseLong(line.substring(6)), Math::max);
                    }
                }
            } catch (IOException ignored) {
                // The process was killed.
            }
        }

        void awaitReady() throws InterruptedException {
            if (!ready.await(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                synchronized (output) {
                    throw new IllegalStateException("the writer did not start: " + output);
                }
            }
            assertEquals("ready synchronous=2", readyLine, "the hub's store runs with synchronous=FULL");
        }

        long highestAck() {
            return highestAck.get();
        }

        /** {@code kill -9}, then wait until its output is read to the end. */
        void kill() throws InterruptedException {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
            // Lines printed before the kill are still in the pipe: the reader ends at end of stream.
            reader.join(10_000);
        }

        /** The node's events: seq 1 is the birth, then check-ins and check-outs; ids derived from session and seq. */
        record Events(String session) {
            NodeMessage at(long seq) {
                Payload payload;
                if (seq == 1) {
                    List<Payload.BedState> beds = new ArrayList<>();
                    for (int bed = 1; bed <= 4; bed++) {
                        beds.add(new Payload.BedState("T" + bed, Kind.REGULAR, PlaceStatus.FREE));
                    }
                    beds.add(new Payload.BedState("T5", Kind.CRISIS, PlaceStatus.FREE));
                    payload = new Payload.Birth("test", 30, beds, List.of());
                } else {
                    long k = seq - 2;
                    String bed = "T" + (1 + (k / 2) % 4);
                    String token = "k1:" + String.format("%012d", k / 2);
                    payload = k % 2 == 0 ? new Payload.CheckIn(bed, null, token, "0307", null)
                            : new Payload.CheckOut(bed, null, token, null);
                }
                UUID id = UUID.nameUUIDFromBytes((session + "/" + seq).getBytes(StandardCharsets.UTF_8));
                return new NodeMessage(new Envelope(Envelope.VERSION, id, "test", "test-1", session, seq,
                        Instant.parse("2026-11-22T22:00:00Z").plusSeconds(seq)), payload);
            }

            List<NodeMessage> upTo(long from, long to) {
                List<NodeMessage> messages = new ArrayList<>();
                for (long seq = from; seq <= to; seq++) {
                    messages.add(at(seq));
                }
                return messages;
            }
        }

        public static void main(String[] args) throws Exception {
            Path data = Path.of(args[0]);
            long next = Long.parseLong(args[1]);
            Events events = new Events(SESSION);
            Random random = new Random();
            try (HubStoreFixture store = new HubStoreFixture(data)) {
                long synchronous = store.database.read(connection -> {
                    try (Statement statement = connection.createStatement();
                         ResultSet rows = statement.executeQuery("PRAGMA synchronous")) {
                        rows.next();
                        return rows.getLong(1);
                    }
                });
                System.out.println("ready synchronous=" + synchronous);
                System.out.flush();
                while (true) {
                    List<Inbound> batch = new ArrayList<>();
                    int size = 1 + random.nextInt(40);
                    for (NodeMessage message : events.upTo(next, next + size - 1)) {
                        batch.add(new Inbound(message, store.clock.instant(), System.nanoTime()));
                    }
                    for (Reply reply : store.store.store(batch)) {
                        if (reply instanceof Reply.AckReply ack) {
                            System.out.println("acked " + ack.ack().seq());
                            System.out.flush();
                            next = ack.ack().seq() + 1;
                        }
                    }
                }
            }
        }
    }
}
