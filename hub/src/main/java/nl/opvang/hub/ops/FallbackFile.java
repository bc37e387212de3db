package nl.opvang.hub.ops;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Supplier;

/**
 * The fallback for when the hub itself is down (docs/DESIGN.md §6, docs/PRODUCTION.md): the printable overview (free
 * places per location with their freshness, and every phone number) written to {@code fallback/overzicht.html} beside
 * the hub's data, at start and every {@link #EVERY}, atomically, so that the operator can mail or print the last one
 * without the hub. The overview holds what {@code /print} shows the CT; the hub has no secret address to put in it.
 */
public final class FallbackFile {
    /** How often the file is written again. */
    public static final Duration EVERY = Duration.ofMinutes(15);
    /** The file, relative to the data folder. */
    public static final Path NAME = Path.of("fallback", "overzicht.html");

    private final Path file;
    private final Supplier<String> overview;
    private final Clock clock;
    private Instant written;

    /** Writes {@code overview} (a whole HTML page) to {@link #NAME} in {@code dataDir}. */
    public FallbackFile(Path dataDir, Supplier<String> overview, Clock clock) {
        this.file = dataDir.resolve(NAME);
        this.overview = overview;
        this.clock = clock;
    }

    /** Writes the file now; readable by the operator's group, like the backups. */
    public void write() {
        Instant now = clock.instant();
        try {
            Files.createDirectories(file.getParent());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + file.getParent(), e);
        }
        AtomicFile.write(file, overview.get(), "rw-r-----");
        written = now;
    }

    /** Writes the file when it was never written or {@link #EVERY} has passed since (called often by the ticker). */
    public void writeIfDue() {
        if (written == null || !clock.instant().isBefore(written.plus(EVERY))) {
            write();
        }
    }

    public Path file() {
        return file;
    }
}
