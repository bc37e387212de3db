package nl.opvang.hub.privacy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import nl.opvang.hub.json.Json;
import nl.opvang.hub.retention.EventKey;

/**
 * The erasure log (docs/DESIGN.md §5): a small file, {@code privacy-log.jsonl} in the data folder or where
 * {@code --privacy-log} says (another disk, so that it outlives the machine),
 * one JSON line per erasure, restriction and lifted restriction, naming the events concerned by their keys (node,
 * session, seq) and never a token. A backup restored from before such a step lacks it; the hub applies the whole log
 * again at every start ({@link PrivacyRequests#reapply}), so an erasure or restriction survives a restore
 * (docs/PRODUCTION.md). Each line is written and fsync'd before the database change it records.
 */
public final class PrivacyLog {
    public static final String FILE = "privacy-log.jsonl";
    private static final ObjectMapper JSON = Json.mapper();

    /** One step: {@code action} is {@code erase}, {@code restrict} or {@code lift}. */
    public record Step(String action, String request, long atMs, List<EventKey> events) {
        public Step {
            events = List.copyOf(events);
        }
    }

    private final Path file;

    /** The log {@code file} ({@link #file}: the configured one, else the data folder's). */
    public PrivacyLog(Path file) {
        this.file = file;
    }

    /** The file of {@code --privacy-log} when given (another disk, say), else {@link #FILE} in the data folder. */
    public static Path file(Path dataDir, Path configured) {
        return configured != null ? configured : dataDir.resolve(FILE);
    }

    /** Fails, naming the file, when its folder is missing (another disk not mounted) or it cannot be read. */
    public void check() {
        Path folder = file.toAbsolutePath().getParent();
        if (!Files.isDirectory(folder) || Files.exists(file) && !Files.isReadable(file)) {
            throw new UncheckedIOException(new java.io.IOException("cannot use the privacy log " + file));
        }
    }

    public synchronized void append(Step step) {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.APPEND,
                StandardOpenOption.WRITE)) {
            channel.write(java.nio.ByteBuffer.wrap((JSON.writeValueAsString(step) + "\n").getBytes(StandardCharsets.UTF_8)));
            channel.force(true);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    /** Every step, in the order written; a torn last line (a crash while writing) is left out. */
    public synchronized List<Step> steps() {
        if (!Files.exists(file)) {
            return List.of();
        }
        List<Step> steps = new ArrayList<>();
        try {
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                if (line.isBlank()) {
                    continue;
                }
                try {
                    steps.add(JSON.readValue(line, Step.class));
                } catch (JsonProcessingException torn) {
                    // Only the last line can be torn: it was never followed by its database change.
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        return steps;
    }
}
