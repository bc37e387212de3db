package nl.opvang.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** What the numbers were measured on: CPU, cores, memory, Java, the work folder's file system. */
final class Machine {
    private Machine() {
    }

    static Map<String, Object> describe(Path work) {
        Map<String, Object> machine = new LinkedHashMap<>();
        machine.put("cpu", cpuModel());
        machine.put("cores", Runtime.getRuntime().availableProcessors());
        machine.put("java", System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"));
        machine.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version"));
        machine.put("memTotal", memTotal());
        try {
            machine.put("workFileStore", Files.getFileStore(work).name() + " (" + Files.getFileStore(work).type() + ")");
        } catch (IOException e) {
            machine.put("workFileStore", "unknown: " + e.getMessage());
        }
        return machine;
    }

    private static String cpuModel() {
        return grep(Path.of("/proc/cpuinfo"), "model name");
    }

    private static String memTotal() {
        return grep(Path.of("/proc/meminfo"), "MemTotal");
    }

    private static String grep(Path file, String prefix) {
        try {
            for (String line : Files.readAllLines(file)) {
                if (line.startsWith(prefix)) {
                    return line.substring(line.indexOf(':') + 1).strip();
                }
            }
        } catch (IOException e) {
            return "unknown";
        }
        return "unknown";
    }
}
