package nl.opvang.testing;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A small tmpfs mounted for one test, to fill a disk for real (FAULTS R11/R12): {@code mount -t tmpfs}, as root or
 * through {@code sudo -n}. Where neither is allowed, {@link #mount} returns empty and the test is skipped.
 */
public final class SmallDisk implements AutoCloseable {
    private final Path mountPoint;
    private final List<String> prefix;
    private final List<Path> fillers = new ArrayList<>();

    private SmallDisk(Path mountPoint, List<String> prefix) {
        this.mountPoint = mountPoint;
        this.prefix = prefix;
    }

    /** Mounts a tmpfs of {@code kib} KiB on {@code mountPoint} (created if missing), or empty if not permitted. */
    public static Optional<SmallDisk> mount(Path mountPoint, int kib) {
        try {
            Files.createDirectories(mountPoint);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        for (List<String> prefix : List.of(List.<String>of(), List.of("sudo", "-n"))) {
            List<String> command = new ArrayList<>(prefix);
            command.addAll(List.of("mount", "-t", "tmpfs", "-o", "size=" + kib + "k,mode=0777", "tmpfs", mountPoint.toString()));
            if (run(command) == 0) {
                return Optional.of(new SmallDisk(mountPoint, prefix));
            }
        }
        return Optional.empty();
    }

    private static int run(List<String> command) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return -1;
            }
            return process.exitValue();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    public Path path() {
        return mountPoint;
    }

    /** Writes filler files until the disk is full; returns the bytes written. */
    public long fill() {
        long written = 0;
        byte[] chunk = new byte[4096];
        Path filler = mountPoint.resolve("filler-" + fillers.size());
        fillers.add(filler);
        try (OutputStream out = Files.newOutputStream(filler)) {
            while (true) {
                out.write(chunk);
                written += chunk.length;
            }
        } catch (IOException full) {
            // No space left on device: what we wanted.
        }
        return written;
    }

    /** Deletes the filler files: the space is back. */
    public void free() {
        for (Path filler : fillers) {
            try {
                Files.deleteIfExists(filler);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        fillers.clear();
    }

    /** Unmounts (lazily, so that a file still open does not keep the mount). */
    @Override
    public void close() {
        List<String> command = new ArrayList<>(prefix);
        command.addAll(List.of("umount", "-l", mountPoint.toString()));
        run(command);
    }
}
