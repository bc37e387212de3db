package nl.opvang.harness;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real {@code mosquitto} process on a free loopback port with its own config, started by a test or the bench.
 * Never the shared broker on 1883: retained messages there would leak between runs. Can be killed ({@code kill -9})
 * and restarted on the same port, or stopped cleanly ({@code SIGTERM}) and started again; with {@link #startPersistent}
 * it saves its sessions and queues to {@code mosquitto.db} in its folder on a clean stop and loads them on the next
 * start.
 */
public final class MosquittoBroker implements AutoCloseable {
    private final Path dir;
    private final int port;
    private final List<String> extraConfig;
    private final boolean persistent;
    private Process process;

    private MosquittoBroker(Path dir, int port, List<String> extraConfig, boolean persistent) {
        this.dir = dir;
        this.port = port;
        this.extraConfig = List.copyOf(extraConfig);
        this.persistent = persistent;
    }

    /** Starts an anonymous loopback broker with generous queues; {@code extraConfig} lines are appended. */
    public static MosquittoBroker start(String... extraConfig) {
        return start(false, extraConfig);
    }

    /**
     * As {@link #start}, with persistence on: sessions, subscriptions and queued messages are written to
     * {@link #persistenceFile()} when the broker stops cleanly ({@link #stop}, {@link #restartCleanly}) and read back
     * when it starts again. A {@code kill -9} loses what was not saved (Mosquitto autosaves every 30 min by default).
     */
    public static MosquittoBroker startPersistent(String... extraConfig) {
        return start(true, extraConfig);
    }

    private static MosquittoBroker start(boolean persistent, String... extraConfig) {
        try {
            Path dir = Files.createTempDirectory("mosquitto-test");
            MosquittoBroker broker = new MosquittoBroker(dir, FreePort.pick(), List.of(extraConfig), persistent);
            broker.startProcess();
            return broker;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Whether a {@code mosquitto} executable is installed. Tests gate on it through {@code Tools.require("mosquitto")}
     * (module {@code testing}), which skips locally and fails in CI; this module knows no test framework.
     */
    public static boolean available() {
        return Files.isExecutable(Path.of(executable()));
    }

    private static String executable() {
        for (String candidate : List.of("/usr/sbin/mosquitto", "/usr/bin/mosquitto", "/usr/local/sbin/mosquitto")) {
            if (Files.isExecutable(Path.of(candidate))) {
                return candidate;
            }
        }
        return "mosquitto";
    }

    public int port() {
        return port;
    }

    public String url() {
        return "tcp://127.0.0.1:" + port;
    }

    public Path dir() {
        return dir;
    }

    /** Where a persistent broker saves its state ({@code persistence_location} + {@code mosquitto.db}). */
    public Path persistenceFile() {
        return dir.resolve("mosquitto.db");
    }

    /** The broker's process id (it changes when the broker is restarted). */
    public long pid() {
        return process.pid();
    }

    /** What the broker has logged so far (errors and warnings, plus whatever {@code log_type} lines were added). */
    public String log() {
        try {
            return Files.readString(dir.resolve("mosquitto.log"));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    private void startProcess() throws IOException {
        List<String> lines = new ArrayList<>(List.of(
                "listener " + port + " 127.0.0.1",
                "allow_anonymous true",
                persistent ? "persistence true" : "persistence false",
                "log_dest stdout",
                "log_type error",
                "log_type warning",
                "max_queued_messages 100000",
                "max_inflight_messages 1000",
                "message_size_limit 65536",
                // Mosquitto leaves Nagle on by default: small QoS 1 messages then wait for delayed ACKs (40 ms).
                "set_tcp_nodelay true"));
        if (persistent) {
            lines.add("persistence_location " + dir.toAbsolutePath() + "/");
            // Started as root, Mosquitto switches to the user 'mosquitto', which cannot write to our private temp
            // folder; as any other user this line has no effect.
            lines.add("user " + System.getProperty("user.name"));
        }
        lines.addAll(extraConfig);
        Path config = dir.resolve("mosquitto.conf");
        Files.write(config, lines);
        ProcessBuilder builder = new ProcessBuilder(executable(), "-c", config.toString())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("mosquitto.log").toFile()));
        process = builder.start();
        awaitListening(Duration.ofSeconds(10));
    }

    private void awaitListening(Duration timeout) throws IOException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IOException("mosquitto exited with " + process.exitValue() + "; log: "
                        + Files.readString(dir.resolve("mosquitto.log")));
            }
            try (Socket ignored = new Socket(InetAddress.getLoopbackAddress(), port)) {
                return;
            } catch (IOException notYet) {
                pause();
            }
        }
        throw new IOException("mosquitto did not listen on " + port + " within " + timeout);
    }

    private static void pause() {
        try {
            Thread.sleep(20);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** {@code kill -9}: the broker loses whatever it had not saved. */
    public void kill() {
        if (process != null && process.isAlive()) {
            process.destroyForcibly();
            try {
                process.waitFor(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /**
     * {@code SIGTERM}, as {@code systemctl stop mosquitto}: the broker closes its connections and, when persistent,
     * saves its sessions and queues before it exits. Returns when the process has exited.
     */
    public void stop() {
        if (process != null && process.isAlive()) {
            process.destroy();
            try {
                if (!process.waitFor(10, TimeUnit.SECONDS)) {
                    throw new IllegalStateException("mosquitto did not exit within 10 s of SIGTERM; log: " + log());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    /** A clean restart ({@code systemctl restart mosquitto}): {@link #stop}, then started on the same port and config. */
    public void restartCleanly() {
        stop();
        try {
            startProcess();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Starts the broker again on the same port and config. */
    public void restart() {
        kill();
        try {
            startProcess();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public boolean isRunning() {
        return process != null && process.isAlive();
    }

    @Override
    public void close() {
        if (process != null && process.isAlive()) {
            process.destroy();
            try {
                if (!process.waitFor(5, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
