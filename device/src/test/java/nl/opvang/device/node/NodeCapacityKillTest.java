package nl.opvang.device.node;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import nl.opvang.protocol.Codec;
import nl.opvang.protocol.Kind;
import nl.opvang.protocol.NodeMessage;
import nl.opvang.protocol.Payload;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Capacity changes survive {@code kill -9} (issue 13): a device process ({@link CapacityLoop}) opens, fills, closes and
 * frees its noodbedden in a loop and is killed at random moments, again and again, on the same data folder. The oracle:
 * the node's stored state (capacity, open, until, closing) is exactly what its own journal of events says, every step
 * it confirmed is in the journal once, the seqs have no gap, and a guest leaving closing noodbedden is always followed
 * by the capacity event that closes them, in the same commit.
 */
class NodeCapacityKillTest {
    private static final int KILLS = 6;
    private static final Pattern LINE = Pattern.compile("^DONE (\\d+) ([0-9a-f-]{36})$", Pattern.MULTILINE);

    @TempDir
    Path dir;

    @Test
    void the_state_is_what_the_journal_says_after_six_kill_9s() throws Exception {
        Path data = dir.resolve("node");
        Path output = dir.resolve("device.log");
        Files.writeString(output, "");
        long seed = System.nanoTime();
        Random random = new Random(seed);
        for (int kill = 1; kill <= KILLS; kill++) {
            int before = confirmed(output).size();
            Process device = startDevice(data, output);
            await().atMost(Duration.ofSeconds(30)).until(() -> confirmed(output).size() > before + 4);
            await().pollDelay(Duration.ofMillis(random.nextInt(100))).until(() -> true);
            device.destroyForcibly();
            assertTrue(device.waitFor(10, TimeUnit.SECONDS), "the device process died");
        }
        Map<Long, String> confirmed = confirmed(output);

        try (NodeStore store = NodeStore.open(TestNodes.config("tcp://127.0.0.1:1", data), Clock.systemUTC())) {
            Codec codec = new Codec();
            List<NodeMessage> journal = store.outgoing(0, 1, Integer.MAX_VALUE).stream()
                    .map(row -> codec.decodeNodeMessage(row.payload())).toList();
            for (int i = 0; i < journal.size(); i++) {
                assertEquals(i + 1, journal.get(i).envelope().seq(), "seq 1.." + journal.size() + " without a gap");
            }
            confirmed.forEach((seq, id) -> assertEquals(id, journal.get((int) (seq - 1)).envelope().id().toString(),
                    "confirmed seq " + seq + " is in the journal as itself"));

            Replay replay = new Replay();
            for (NodeMessage message : journal) {
                replay.apply(message);
            }
            CountPlace stored = store.countPlace(Kind.NOOD).orElseThrow();
            assertEquals(replay.state(), store.state().count(Kind.NOOD).orElseThrow(), "seed " + seed);
            assertEquals(replay.closing, stored.closing(), "closing is what the last capacity event says; seed " + seed);
            assertTrue(replay.freed > 0, "guests left closing noodbedden during the runs: " + replay.freed);
            System.out.println("NodeCapacityKillTest (seed " + seed + "): " + KILLS + " kills, " + confirmed.size()
                    + " confirmed steps, " + journal.size() + " events, " + replay.freed + " closings when free");
        }
    }

    /** The noodbedden as the journal tells them, and a check of each step against the one before. */
    private static final class Replay {
        private Payload.CountState nood = new Payload.CountState(Kind.NOOD, 4, false, 0, null);
        private boolean closing;
        private int freed;
        private boolean expectFreed;

        void apply(NodeMessage message) {
            Payload payload = message.payload();
            if (expectFreed) {
                Payload.Capacity closed = (Payload.Capacity) payload;
                assertEquals(Capacities.FREED, closed.reason(), "seq " + message.envelope().seq());
                assertTrue(!closed.open(), "seq " + message.envelope().seq());
                expectFreed = false;
                freed++;
            }
            if (payload instanceof Payload.Birth birth) {
                nood = birth.counts().get(0);
            } else if (payload instanceof Payload.Capacity capacity) {
                nood = new Payload.CountState(Kind.NOOD, capacity.capacity(), capacity.open(), nood.occupied(), capacity.until());
                closing = capacity.open() && "panel".equals(capacity.reason());
                if (!capacity.open()) {
                    closing = false;
                }
            } else if (payload instanceof Payload.Count count) {
                nood = new Payload.CountState(Kind.NOOD, nood.capacity(), nood.open(), count.occupied(), nood.until());
                expectFreed = closing && count.occupied() == 0;
            }
        }

        Payload.CountState state() {
            return nood;
        }
    }

    private static Process startDevice(Path data, Path output) throws IOException {
        String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return new ProcessBuilder(java, "-Xmx128m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-cp", classPath,
                CapacityLoop.class.getName(), data.toString())
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(output.toFile())).start();
    }

    /** The complete DONE lines printed so far: seq → event id. */
    private static Map<Long, String> confirmed(Path output) throws IOException {
        Map<Long, String> lines = new LinkedHashMap<>();
        Matcher line = LINE.matcher(Files.readString(output, StandardCharsets.UTF_8));
        while (line.find()) {
            lines.put(Long.parseLong(line.group(1)), line.group(2));
        }
        return lines;
    }
}
