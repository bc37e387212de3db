package nl.opvang.hub.audit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The anchor file's format ({@link AuditAnchors}): lines {@code <time> <seq> <hash>} and {@code <time> restore <seq>
 * <hash>}, appended one whole line per write and synced. A power cut during an append can leave the start of a line
 * (or zeros) at the end; such a fragment is skipped with a warning, and the next append starts on a line of its own.
 * Skipping it hides nothing: a fragment holds no whole anchor, and whoever could write it could delete lines too.
 */
final class AnchorFile {
    static final String RESTORE_WORD = "restore";
    private static final Logger LOG = LoggerFactory.getLogger(AnchorFile.class);
    /** What an append cut short can leave: the front of a line, or the zeros of a block never written. */
    private static final Pattern TORN = Pattern.compile(
            "\u0000+|[0-9][0-9TZ:.\\-]*(?: (?:r[a-z]{0,6} ?)?(?:[0-9]+(?: [0-9a-f]{0,63})?)?)?\u0000*");

    private AnchorFile() {
    }

    /** One line of the file: an anchor, or a restore that supersedes the anchors above its seq. */
    record Line(boolean restore, AuditLog.Anchor anchor) {
    }

    /**
     * Appends {@code line} (without its newline) and syncs it to disk, and the folder when the file is new. A file
     * that does not end in a newline (a torn append) gets one first, so that the new line is whole.
     */
    static void append(Path file, String line) {
        try {
            Path folder = file.toAbsolutePath().getParent();
            Files.createDirectories(folder);
            boolean created = !Files.exists(file);
            String text = (endsTorn(file) ? "\n" : "") + line + "\n";
            try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.APPEND,
                    StandardOpenOption.WRITE)) {
                ByteBuffer bytes = ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
                while (bytes.hasRemaining()) {
                    channel.write(bytes);
                }
                channel.force(true);
            }
            if (created) {
                try (FileChannel directory = FileChannel.open(folder, StandardOpenOption.READ)) {
                    directory.force(true);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the audit anchor to " + file, e);
        }
    }

    private static boolean endsTorn(Path file) throws IOException {
        if (!Files.exists(file)) {
            return false;
        }
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = channel.size();
            if (size == 0) {
                return false;
            }
            ByteBuffer last = ByteBuffer.allocate(1);
            channel.read(last, size - 1);
            return last.get(0) != '\n';
        }
    }

    /**
     * The anchors that hold after the restores in {@code lines}: a restore drops the anchors above its seq written
     * before it and anchors its own head.
     */
    static List<AuditLog.Anchor> effective(List<Line> lines) {
        List<AuditLog.Anchor> anchors = new ArrayList<>();
        for (Line line : lines) {
            if (line.restore()) {
                anchors.removeIf(anchor -> anchor.seq() > line.anchor().seq());
            }
            anchors.add(line.anchor());
        }
        return anchors;
    }

    /**
     * Every line of {@code file}, where the time is an instant or (in files of older hubs, which anchored daily) a
     * date. A torn fragment is skipped; anything else that is not a line is an error naming its number.
     */
    static List<Line> read(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the anchor file " + file, e);
        }
        List<Line> parsed = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String text = lines.get(i).strip();
            if (text.isEmpty()) {
                continue;
            }
            try {
                parsed.add(parse(text));
            } catch (IllegalArgumentException | DateTimeParseException e) {
                if (TORN.matcher(text).matches()) {
                    LOG.warn("line {} of {} is the start of a line only (an append cut short by a crash); skipped", i + 1,
                            file);
                    continue;
                }
                throw new IllegalArgumentException("line " + (i + 1) + " of " + file
                        + " is not '<time> <seq> <hash>' or '<time> restore <seq> <hash>'", e);
            }
        }
        return parsed;
    }

    private static Line parse(String text) {
        String[] parts = text.split("\\s+");
        boolean restore = parts.length == 4 && parts[1].equals(RESTORE_WORD);
        if (parts.length != 3 && !restore) {
            throw new IllegalArgumentException("expected three fields");
        }
        if (parts[0].contains("T")) {
            Instant.parse(parts[0]);
        } else {
            LocalDate.parse(parts[0]);
        }
        int at = restore ? 2 : 1;
        return new Line(restore, new AuditLog.Anchor(parts[0], Long.parseLong(parts[at]), parts[at + 1]));
    }
}
