package nl.opvang.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import nl.opvang.protocol.Channel;
import nl.opvang.protocol.Topics;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;

/**
 * The node as a process (docs/DESIGN.md §8): {@code java -jar opvang-device.jar} in a child JVM. Time to first publish
 * is from the process start to its birth arriving at a subscriber on the broker; resident memory is {@code VmRSS} from
 * {@code /proc/<pid>/status}, sampled while the node works.
 */
final class DeviceBench {
    private final Path jar;
    private final String brokerUrl;
    private final Path dir;
    private int runs;

    DeviceBench(Path jar, String brokerUrl, Path dir) {
        this.jar = jar;
        this.brokerUrl = brokerUrl;
        this.dir = dir;
    }

    /** One run of {@code --config}: seconds to the birth at the broker, and VmRSS in MB one second later. */
    double[] firstPublish(int location, List<String> jvmFlags) throws Exception {
        Path runDir = Files.createDirectories(dir.resolve("device-" + (++runs)).toAbsolutePath());
        Path config = runDir.resolve("node.json");
        Files.writeString(config, configJson(location));
        String site = BenchRegion.site(location);
        String node = BenchRegion.node(location);
        AtomicLong birthNanos = new AtomicLong();
        MqttAsyncClient subscriber = Clients.connect(brokerUrl, "bench-device-watch-" + runs, true);
        try {
            subscriber.setCallback(Clients.onMessage((topic, payload) -> birthNanos.compareAndSet(0, System.nanoTime())));
            subscriber.subscribe(Topics.node(site, node, Channel.BIRTH), 1).waitForCompletion(10_000);
            long start = System.nanoTime();
            Process process = start(jvmFlags, runDir, "--config", config.toAbsolutePath().toString());
            try {
                Await.until(() -> birthNanos.get() != 0 || !process.isAlive(), 60, "the device's first publish");
                if (birthNanos.get() == 0) {
                    throw new IllegalStateException("the device process exited with " + process.exitValue() + "; see "
                            + runDir.resolve("device.log"));
                }
                Thread.sleep(1000);
                return new double[] {(birthNanos.get() - start) / 1e9, rssMegabytes(process.pid())};
            } finally {
                stop(process);
            }
        } finally {
            Clients.close(subscriber);
        }
    }

    /** One run of {@code --simulate 1} (node sim1-1): peak VmRSS in MB while loaded, and acked events/s. */
    double[] underLoad(int seconds, int intervalMillis, List<String> jvmFlags) throws Exception {
        Path runDir = Files.createDirectories(dir.resolve("device-" + (++runs)).toAbsolutePath());
        AtomicLong acked = new AtomicLong();
        MqttAsyncClient subscriber = Clients.connect(brokerUrl, "bench-device-load-" + runs, true);
        try {
            subscriber.setCallback(Clients.onMessage((topic, payload) -> acked.incrementAndGet()));
            subscriber.subscribe(Topics.node("sim1", "sim1-1", Channel.ACK), 1).waitForCompletion(10_000);
            Process process = start(jvmFlags, runDir, "--simulate", "1", "--broker", brokerUrl, "--data",
                    runDir.resolve("data").toString(), "--interval-ms", Integer.toString(intervalMillis));
            try {
                Await.until(() -> acked.get() > 0 || !process.isAlive(), 60, "the simulated device's first ack");
                long ackedBefore = acked.get();
                long start = System.nanoTime();
                double peak = 0;
                while (System.nanoTime() - start < TimeUnit.SECONDS.toNanos(seconds)) {
                    peak = Math.max(peak, rssMegabytes(process.pid()));
                    Thread.sleep(250);
                }
                double acksPerSecond = (acked.get() - ackedBefore) / ((System.nanoTime() - start) / 1e9);
                return new double[] {peak, acksPerSecond};
            } finally {
                stop(process);
            }
        } finally {
            Clients.close(subscriber);
        }
    }

    private Process start(List<String> jvmFlags, Path runDir, String... args) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmFlags);
        command.add("-jar");
        command.add(jar.toAbsolutePath().toString());
        command.addAll(List.of(args));
        return new ProcessBuilder(command).directory(runDir.toFile()).redirectErrorStream(true)
                .redirectOutput(runDir.resolve("device.log").toFile()).start();
    }

    private static void stop(Process process) throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(5, TimeUnit.SECONDS);
        }
    }

    /** VmRSS of a process in MB (Linux). */
    static double rssMegabytes(long pid) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024.0;
            }
        }
        throw new IOException("no VmRSS for pid " + pid);
    }

    private String configJson(int location) {
        StringBuilder beds = new StringBuilder();
        for (String bed : BenchRegion.regularBeds()) {
            beds.append("{\"bed\":\"").append(bed).append("\",\"kind\":\"regular\"},");
        }
        beds.append("{\"bed\":\"C1\",\"kind\":\"crisis\"}");
        return "{\"site\":\"" + BenchRegion.site(location) + "\",\"node\":\"" + BenchRegion.node(location) + "\","
                + "\"brokerUrl\":\"" + brokerUrl + "\",\"dataDir\":\"data\",\"heartbeatSeconds\":30,"
                + "\"tokenKeyId\":\"k1\",\"tokenKey\":\"bench-key-0123456789abcdef\",\"profile\":\"kiosk\","
                + "\"beds\":[" + beds + "],\"counts\":[]}";
    }
}
