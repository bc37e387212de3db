package nl.opvang.hub.audit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import nl.opvang.hub.store.Database;

/**
 * The daily anchor file of DESIGN §5: {@code DATA/audit-anchors.txt}, one line {@code <date> <seq> <hash>} per day
 * (and one at each start), appended and synced. It lives outside the database, so someone who rewrites the whole chain
 * consistently inside the database still contradicts a line here; copy the file off the machine to make that hold
 * against someone who can also edit files.
 */
public final class AuditAnchors {
    /** The file's name in the data folder. */
    public static final String FILE_NAME = "audit-anchors.txt";
    private static final ZoneId ZONE = ZoneId.of("Europe/Amsterdam");

    private final Path file;
    private final AuditLog log;
    private final Database database;
    private final Clock clock;

    public AuditAnchors(Path dataDir, AuditLog log, Database database, Clock clock) {
        this.file = dataDir.resolve(FILE_NAME);
        this.log = log;
        this.database = database;
        this.clock = clock;
    }

    public Path file() {
        return file;
    }

    /** Appends the current head with today's date (the hub does this at start). */
    public AuditLog.Anchor write() {
        AuditLog.Anchor anchor = log.head(database)
                .map(head -> new AuditLog.Anchor(today(), head.seq(), head.hash()))
                .orElseGet(() -> new AuditLog.Anchor(today(), 0, AuditLog.GENESIS));
        String line = anchor.date() + " " + anchor.seq() + " " + anchor.hash() + "\n";
        try {
            Files.writeString(file, line, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND,
                    StandardOpenOption.WRITE, StandardOpenOption.SYNC);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the audit anchor to " + file, e);
        }
        return anchor;
    }

    /** Appends the head unless a line for today is already there; the hub calls this on a timer. */
    public boolean writeDaily() {
        List<AuditLog.Anchor> anchors = Files.exists(file) ? read(file) : List.of();
        if (!anchors.isEmpty() && anchors.get(anchors.size() - 1).date().equals(today())) {
            return false;
        }
        write();
        return true;
    }

    private LocalDate today() {
        return LocalDate.ofInstant(clock.instant(), ZONE);
    }

    /** Every anchor in {@code file}; a line that is not {@code <date> <seq> <hash>} is an error naming its number. */
    public static List<AuditLog.Anchor> read(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the anchor file " + file, e);
        }
        List<AuditLog.Anchor> anchors = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty()) {
                continue;
            }
            String[] parts = line.split("\\s+");
            try {
                if (parts.length != 3) {
                    throw new IllegalArgumentException("expected three fields");
                }
                anchors.add(new AuditLog.Anchor(LocalDate.parse(parts[0]), Long.parseLong(parts[1]), parts[2]));
            } catch (IllegalArgumentException | DateTimeParseException e) {
                throw new IllegalArgumentException("line " + (i + 1) + " of " + file + " is not '<date> <seq> <hash>'", e);
            }
        }
        return anchors;
    }
}
