package nl.opvang.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The result: a table on the console and the same figures as JSON. */
final class Report {
    private final List<Figure> figures = new ArrayList<>();
    private final Map<String, Object> context = new LinkedHashMap<>();
    private final ObjectMapper json;

    /** {@code json}: the bench process's one mapper ({@link BenchMain}). */
    Report(ObjectMapper json) {
        this.json = json;
    }

    void add(Figure figure) {
        figures.add(figure);
    }

    void addAll(List<Figure> more) {
        figures.addAll(more);
    }

    /** One row per part of the machine: percent of one core, from first publish to last ack (measured runs only). */
    void addCpu(String prefix, List<Map<String, Double>> perRun, int measuredRuns) {
        List<Map<String, Double>> measured = perRun.subList(Math.max(0, perRun.size() - measuredRuns), perRun.size());
        if (measured.isEmpty()) {
            return;
        }
        for (String part : measured.get(0).keySet()) {
            List<Double> shares = measured.stream().map(run -> run.getOrDefault(part, 0.0)).toList();
            add(Figure.info(prefix + part, "% core", shares, "CpuAccount; 2 cores = 200 %"));
        }
    }

    void context(String key, Object value) {
        context.put(key, value);
    }

    List<Figure> figures() {
        return List.copyOf(figures);
    }

    /** Figures with a target that missed it. */
    long missed() {
        return figures.stream().filter(figure -> Boolean.FALSE.equals(figure.pass())).count();
    }

    void print(PrintStream out) {
        String format = "| %-48s | %12s | %-8s | %-34s | %8s | %-20s | %-4s |%n";
        out.printf(format, "figure", "value", "unit", "floor / reference", "ratio", "target", "pass");
        out.printf(format, "-".repeat(48), "-".repeat(12), "-".repeat(8), "-".repeat(34), "-".repeat(8), "-".repeat(20), "----");
        for (Figure figure : figures) {
            String reference = figure.reference() == null ? ""
                    : figure.reference() + (figure.referenceValue() == null ? "" : " = " + Figure.format(figure.referenceValue()));
            Double ratio = figure.ratio();
            out.printf(format, figure.name(), Figure.format(figure.value()), figure.unit(), reference,
                    ratio == null ? "" : String.format(java.util.Locale.ROOT, "%.2f×", ratio),
                    figure.target() == null ? "" : figure.target(),
                    figure.pass() == null ? "" : figure.pass() ? "PASS" : "FAIL");
        }
        out.println();
        for (Figure figure : figures) {
            out.println("  " + figure.name() + ": runs " + figure.runs().stream().map(Figure::format).toList()
                    + (figure.note() == null ? "" : "; " + figure.note()));
        }
    }

    void write(Path file) throws IOException {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (Figure figure : figures) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("figure", figure.name());
            row.put("value", finite(figure.value()));
            row.put("unit", figure.unit());
            row.put("runs", figure.runs());
            row.put("reference", figure.reference());
            row.put("referenceValue", figure.referenceValue());
            row.put("ratio", figure.ratio() == null ? null : finite(figure.ratio()));
            row.put("target", figure.target());
            row.put("pass", figure.pass());
            row.put("note", figure.note());
            rows.add(row);
        }
        Map<String, Object> root = new LinkedHashMap<>(context);
        root.put("figures", rows);
        if (file.toAbsolutePath().getParent() != null) {
            Files.createDirectories(file.toAbsolutePath().getParent());
        }
        json.writerWithDefaultPrettyPrinter().writeValue(file.toFile(), root);
    }

    private static Double finite(double value) {
        return Double.isFinite(value) ? value : null;
    }
}
