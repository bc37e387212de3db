package nl.opvang.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The device section of the system run (docs/DESIGN.md §8): the node as its own process ({@code opvang-device.jar}),
 * start to first publish and resident memory idle and under load, with JVM defaults and with the flags the systemd unit
 * uses.
 */
final class DeviceRun {
    /** The JVM flags of {@code deploy/systemd/opvang-device.service}: the device as installed. */
    private static final List<String> SMALL_JVM = List.of("-Xmx64m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1");

    private final Plan plan;
    private final Report report;
    private final Path deviceJar;
    private final String brokerUrl;
    private final Path work;

    DeviceRun(Plan plan, Report report, Path deviceJar, String brokerUrl, Path work) {
        this.plan = plan;
        this.report = report;
        this.deviceJar = deviceJar;
        this.brokerUrl = brokerUrl;
        this.work = work;
    }

    /** Starts the device jar as the generated region's {@code location}. */
    void run(int location) throws Exception {
        if (!Files.isRegularFile(deviceJar)) {
            throw new IllegalStateException("no device jar at " + deviceJar + "; build it: ./mvnw -q -pl device -am package -DskipTests");
        }
        DeviceBench bench = new DeviceBench(deviceJar, brokerUrl, work);
        int runs = plan.runs() > 1 ? 3 : 1;
        List<Double> firstDefault = new ArrayList<>();
        List<Double> rssIdle = new ArrayList<>();
        for (int i = 0; i < runs; i++) {
            double[] run = bench.firstPublish(location, List.of());
            firstDefault.add(run[0]);
            rssIdle.add(run[1]);
        }
        double[] small = plan.runs() > 1 ? bench.firstPublish(location, SMALL_JVM) : new double[] {Double.NaN};
        int seconds = plan.runs() > 1 ? 15 : 3;
        double[] loadDefault = bench.underLoad(seconds, 10, List.of());
        double[] loadSmall = bench.underLoad(seconds, 10, SMALL_JVM);
        report.add(Figure.atMost("device: start → first publish", "s", firstDefault, null, null, 3.0,
                "java -jar opvang-device.jar --config, default JVM flags; birth seen at a broker subscriber"));
        if (!Double.isNaN(small[0])) {
            report.add(Figure.atMost("device: start → first publish, small JVM", "s", List.of(small[0]), null, null, 3.0,
                    String.join(" ", SMALL_JVM)));
        }
        report.add(Figure.info("device: VmRSS idle after start", "MB", rssIdle, "default JVM flags"));
        // The target row is the device as installed: deploy/systemd/opvang-device.service runs it with SMALL_JVM. With
        // JVM defaults the heap is sized for this 24 GB host, which says little about a Pi.
        report.add(Figure.info("device: peak VmRSS under load, JVM defaults", "MB", List.of(loadDefault[0]),
                "--simulate 1, ~100 events/s, " + seconds + " s, default JVM flags; " + Figure.format(loadDefault[1]) + " acks/s"));
        report.add(Figure.atMost("device: peak VmRSS under load, as installed", "MB", List.of(loadSmall[0]), null, null, 100,
                String.join(" ", SMALL_JVM) + " (the systemd unit's flags); " + Figure.format(loadSmall[1]) + " acks/s"));
    }
}
