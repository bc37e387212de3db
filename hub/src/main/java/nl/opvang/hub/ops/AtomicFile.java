package nl.opvang.hub.ops;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * Writes files the way a crash cannot half-write them: into a temporary file beside the target, flushed to disk,
 * renamed over the target in one step, and the folder flushed so that the rename itself survives a power cut.
 */
final class AtomicFile {
    private AtomicFile() {
    }

    /** Writes {@code text} to {@code target} with the given POSIX permissions, e.g. {@code rw-r-----}. */
    static void write(Path target, String text, String permissions) {
        Path temporary = temporaryBeside(target);
        try {
            Files.writeString(temporary, text, StandardCharsets.UTF_8);
            Files.setPosixFilePermissions(temporary, PosixFilePermissions.fromString(permissions));
            moveIntoPlace(temporary, target);
        } catch (IOException e) {
            deleteQuietly(temporary);
            throw new UncheckedIOException("cannot write " + target, e);
        }
    }

    /** A name for a temporary file in the target's folder (a rename is only atomic within one file system). */
    static Path temporaryBeside(Path target) {
        Path folder = target.toAbsolutePath().getParent();
        return folder.resolve("." + target.getFileName() + ".tmp-" + ProcessHandle.current().pid() + "-" + System.nanoTime());
    }

    /** Flushes {@code temporary}, renames it to {@code target} atomically and flushes the folder. */
    static void moveIntoPlace(Path temporary, Path target) throws IOException {
        try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.WRITE)) {
            channel.force(true);
        }
        Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        try (FileChannel folder = FileChannel.open(target.toAbsolutePath().getParent(), StandardOpenOption.READ)) {
            folder.force(true);
        }
    }

    static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // Only ever a leftover temporary file; the caller is already reporting the real problem.
            return;
        }
    }
}
