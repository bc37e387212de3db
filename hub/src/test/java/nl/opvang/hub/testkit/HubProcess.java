package nl.opvang.hub.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The hub as its own process, started from the built jar, so that tests can {@code kill -9} it. */
public final class HubProcess implements AutoCloseable {
    private static final Pattern READY = Pattern.compile("opvang-hub ready http=(\\d+) mqtt=(\\d+) metrics=(\\d+)");

    private final Process process;
    private final Path output;
    private int httpPort;
    private int mqttPort;
    private int metricsPort;

    private HubProcess(Process process, Path output) {
        this.process = process;
        this.output = output;
    }

    /** The jar built by {@code package}; failsafe passes its path. */
    public static Path jar() {
        String path = System.getProperty("opvang.hub.jar", "target/opvang-hub.jar");
        Path jar = Path.of(path);
        if (!Files.exists(jar)) {
            throw new IllegalStateException("run 'mvn verify' (the integration tests need " + jar + ")");
        }
        return jar;
    }

    /** Starts the hub with {@code args} and returns when it printed its ready line. */
    public static HubProcess start(Path workDir, String... args) {
        return start(workDir, List.of("-Xmx256m"), args);
    }

    /** Starts the hub with JVM options (e.g. a small {@code -Xmx}) and {@code args}; returns when it is ready. */
    public static HubProcess start(Path workDir, List<String> jvmOptions, String... args) {
        try {
            Files.createDirectories(workDir);
            Path output = Files.createTempFile(workDir, "hub", ".log");
            List<String> command = new ArrayList<>(List.of(javaBinary()));
            command.addAll(jvmOptions);
            command.addAll(List.of("-jar", jar().toAbsolutePath().toString()));
            command.addAll(List.of(args));
            Process process = new ProcessBuilder(command).directory(workDir.toFile()).redirectErrorStream(true)
                    .redirectOutput(output.toFile()).start();
            HubProcess hub = new HubProcess(process, output);
            hub.awaitReady(Duration.ofSeconds(30));
            return hub;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Starts the hub and waits for it to exit, e.g. for a start-up error; returns the exit code. */
    public static Result run(Path workDir, Duration timeout, String... args) {
        try {
            Files.createDirectories(workDir);
            Path output = Files.createTempFile(workDir, "hub", ".log");
            List<String> command = new ArrayList<>(List.of(javaBinary(), "-jar", jar().toAbsolutePath().toString()));
            command.addAll(List.of(args));
            Process process = new ProcessBuilder(command).directory(workDir.toFile()).redirectErrorStream(true)
                    .redirectOutput(output.toFile()).start();
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException("the hub did not exit within " + timeout + ": " + Files.readString(output));
            }
            return new Result(process.exitValue(), Files.readString(output, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** How a hub run ended. */
    public record Result(int exitCode, String output) {
    }

    private static String javaBinary() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private void awaitReady(Duration timeout) throws IOException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            Matcher ready = READY.matcher(Files.readString(output, StandardCharsets.UTF_8));
            if (ready.find()) {
                httpPort = Integer.parseInt(ready.group(1));
                mqttPort = Integer.parseInt(ready.group(2));
                metricsPort = Integer.parseInt(ready.group(3));
                return;
            }
            if (!process.isAlive()) {
                throw new IllegalStateException("the hub exited with " + process.exitValue() + ": " + log());
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        throw new IllegalStateException("the hub was not ready within " + timeout + ": " + log());
    }

    public long pid() {
        return process.pid();
    }

    public boolean alive() {
        return process.isAlive();
    }

    /**
     * A line of {@code /proc/<pid>/status} in KiB, e.g. {@code VmRSS} (resident now) or {@code VmHWM} (the peak
     * resident set since start). Linux only.
     */
    public long procStatusKib(String field) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(process.pid()), "status"))) {
                if (line.startsWith(field + ":")) {
                    return Long.parseLong(line.substring(field.length() + 1).replace("kB", "").strip());
                }
            }
            throw new IllegalStateException("no " + field + " in /proc/" + process.pid() + "/status");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public int httpPort() {
        return httpPort;
    }

    public int mqttPort() {
        return mqttPort;
    }

    /** The port of the hub's metrics listener ({@code GET /metrics}, localhost only). */
    public int metricsPort() {
        return metricsPort;
    }

    public String log() {
        try {
            return Files.readString(output, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    /** {@code kill -9}: no shutdown hook, no clean close. */
    public void kill() {
        process.destroyForcibly();
        waitFor();
    }

    /** SIGTERM, as Ctrl-C or systemd would: the hub shuts down cleanly. Returns the exit code. */
    public int stop() {
        process.destroy();
        return waitFor();
    }

    private int waitFor() {
        try {
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
            }
            return process.exitValue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            kill();
        }
    }
}
