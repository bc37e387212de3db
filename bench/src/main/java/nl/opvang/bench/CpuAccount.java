package nl.opvang.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Where the machine's CPU went during one measured stretch: the broker and the peer as processes ({@code /proc}), the
 * hub's threads and the bench's own client threads in this JVM ({@link ThreadMXBean}), the rest of this JVM (GC, JIT),
 * and the machine as a whole ({@code /proc/stat}). Shares are in percent of one core, so two busy cores are 200 %.
 * A profile of the cores, not of the code: it shows whether a rate is bounded by the hub or by what shares its cores.
 */
final class CpuAccount {
    private static final double TICK_NANOS = 1e9 / 100; // USER_HZ is 100 on Linux
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    /** The hub's threads, in three parts (the prefix marks them as the hub's). */
    private static final String HUB = "hub threads: ";
    static final List<String> HUB_PARTS = List.of("ingest worker", "MQTT client (Paho)", "other");

    private final Map<String, Long> processes;
    private final long wallNanos;
    private final long machineBusyTicks;
    private final long jvmNanos;
    private final Map<String, Long> threads;

    private CpuAccount(Map<String, Long> processes, long wallNanos, long machineBusyTicks, long jvmNanos,
                       Map<String, Long> threads) {
        this.processes = processes;
        this.wallNanos = wallNanos;
        this.machineBusyTicks = machineBusyTicks;
        this.jvmNanos = jvmNanos;
        this.threads = threads;
    }

    /** A snapshot now; {@code processes}: name → pid of the other processes to account for. */
    static CpuAccount now(Map<String, Long> processes) {
        Map<String, Long> processTicks = new LinkedHashMap<>();
        processes.forEach((name, pid) -> processTicks.put(name, processTicks(pid)));
        Map<String, Long> threads = new LinkedHashMap<>();
        for (ThreadInfo info : THREADS.getThreadInfo(THREADS.getAllThreadIds())) {
            if (info != null) {
                long cpu = THREADS.getThreadCpuTime(info.getThreadId());
                if (cpu > 0) {
                    threads.merge(category(info.getThreadName()), cpu, Long::sum);
                }
            }
        }
        long jvm = ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
        return new CpuAccount(processTicks, System.nanoTime(), machineBusyTicks(), jvm, threads);
    }

    /**
     * The hub's threads (its ingest worker, its MQTT client, the rest: web server, SSE, freshness, metrics), the bench's
     * clients, or other.
     */
    private static String category(String thread) {
        if (thread.equals("gateway-ingest")) {
            return HUB + HUB_PARTS.get(0);
        }
        if (thread.contains("opvang-hub")) {
            return HUB + HUB_PARTS.get(1);
        }
        if (thread.startsWith("gateway-") || thread.startsWith("hub-") || thread.startsWith("qtp")
                || thread.startsWith("JettyServerThreadPool") || thread.equals("freshness")
                || thread.equals("metrics-http") || thread.startsWith("sse-client-") || thread.contains("-sse-")
                || thread.equals("http-header-deadline")) {
            return HUB + HUB_PARTS.get(2);
        }
        if (thread.contains("bench-") || thread.startsWith("ingest-") || thread.startsWith("connect-")) {
            return "bench clients";
        }
        return "other threads";
    }

    /**
     * Percent of one core per part between {@code start} and this snapshot. Threads that ended in between are missing
     * from their category and show up in "JVM rest" (the JVM's total minus its live threads).
     */
    Map<String, Double> since(CpuAccount start) {
        double wall = wallNanos - start.wallNanos;
        Map<String, Double> shares = new LinkedHashMap<>();
        shares.put("machine", 100.0 * (machineBusyTicks - start.machineBusyTicks) * TICK_NANOS / wall);
        processes.forEach((name, ticks) -> shares.put(name, 100.0 * (ticks - start.processes.getOrDefault(name, 0L))
                * TICK_NANOS / wall));
        long threadSum = 0;
        for (Map.Entry<String, Long> entry : threads.entrySet()) {
            long used = entry.getValue() - start.threads.getOrDefault(entry.getKey(), 0L);
            threadSum += used;
            shares.put(entry.getKey(), 100.0 * used / wall);
        }
        shares.put("JVM rest (GC, JIT, ended threads)", 100.0 * Math.max(0, jvmNanos - start.jvmNanos - threadSum) / wall);
        return shares;
    }

    /**
     * The CPU time of the hub's threads between {@code start} and this snapshot per one of {@code events}, in µs: the
     * hub's own cost per stored event, whatever else shared the cores (issue 20). Garbage collection and the JIT run
     * on threads of their own and are not in it (they are in "JVM rest").
     */
    double hubMicrosPerEvent(CpuAccount start, long events) {
        return HUB_PARTS.stream().mapToDouble(part -> hubMicrosPerEvent(start, events, part)).sum();
    }

    /** As {@link #hubMicrosPerEvent(CpuAccount, long)}, for one of {@link #HUB_PARTS}. */
    double hubMicrosPerEvent(CpuAccount start, long events, String part) {
        return (threads.getOrDefault(HUB + part, 0L) - start.threads.getOrDefault(HUB + part, 0L)) / 1e3 / events;
    }

    /** One line for a report: "machine 198 %, mosquitto 61 %, ...". */
    static String describe(Map<String, Double> shares) {
        StringBuilder line = new StringBuilder();
        shares.forEach((name, share) -> line.append(line.length() == 0 ? "" : ", ").append(name).append(' ')
                .append(Math.round(share)).append(" %"));
        return line.append(" (of one core; 2 cores = 200 %)").toString();
    }

    private static long processTicks(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(fields[11]) + Long.parseLong(fields[12]); // utime, stime (fields 14, 15 of stat)
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    private static long machineBusyTicks() {
        try {
            String[] cpu = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
            long busy = 0;
            for (int i : new int[] {1, 2, 3, 6, 7}) { // user, nice, system, irq, softirq (not idle, iowait, steal)
                busy += Long.parseLong(cpu[i]);
            }
            return busy;
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }
}
