package nl.opvang.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * An HTTP subscriber of {@code /api/v1/availability/stream} ({@link SseStream}): its own thread reads the lines and stamps
 * each {@code location} frame with {@link System#nanoTime()} the moment its data line is read.
 */
final class SseSubscriber implements AutoCloseable {
    /** A {@code location} frame: when it was read, the location's code and its occupied places over all kinds. */
    record Frame(long nanos, String code, int occupied) {
    }

    private final ObjectMapper mapper;
    private final BlockingQueue<Frame> frames = new LinkedBlockingQueue<>();
    private final SseStream stream;
    private final Thread reader;
    private volatile boolean snapshot;

    SseSubscriber(int port, String token, ObjectMapper mapper) throws IOException {
        this.mapper = mapper;
        stream = new SseStream(port, "/api/v1/availability/stream", "Bearer " + token);
        reader = new Thread(this::read, "sse-subscriber");
        reader.setDaemon(true);
        reader.start();
    }

    private void read() {
        String event = null;
        try {
            for (String line = stream.line(); line != null; line = stream.line()) {
                if (line.startsWith("event:")) {
                    event = line.substring(6).strip();
                } else if (line.startsWith("data:")) {
                    long now = System.nanoTime();
                    if ("snapshot".equals(event)) {
                        snapshot = true;
                    } else if ("location".equals(event)) {
                        JsonNode entry = mapper.readTree(line.substring(5));
                        int occupied = 0;
                        for (JsonNode kind : entry.path("kinds")) {
                            occupied += kind.path("occupied").asInt();
                        }
                        frames.add(new Frame(now, entry.path("code").asText(), occupied));
                    }
                } else if (line.isEmpty()) {
                    event = null;
                }
            }
        } catch (IOException | RuntimeException e) {
            // The stream ended: the bench times out on the missing frame and says so.
        }
    }

    boolean hasSnapshot() {
        return snapshot;
    }

    /** The next frame of {@code code} with {@code occupied} places taken, or null after the timeout. */
    Frame await(String code, int occupied, long timeoutMillis) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        while (true) {
            long left = deadline - System.nanoTime();
            Frame frame = frames.poll(Math.max(0, left), TimeUnit.NANOSECONDS);
            if (frame == null) {
                return null;
            }
            if (frame.code().equals(code) && frame.occupied() == occupied) {
                return frame;
            }
        }
    }

    void drain() {
        frames.clear();
    }

    @Override
    public void close() {
        stream.close();
        reader.interrupt();
    }
}
