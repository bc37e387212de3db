package nl.opvang.hub.ops;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Hashes passwords with Mosquitto's own {@code mosquitto_passwd -U}, so that the hash format is always the one the
 * installed broker reads (PBKDF2-SHA512 in 2.x). The plain passwords go through a private temporary file, not the
 * command line, where {@code ps} would show them.
 */
public final class MosquittoPasswd {
    private final String executable;

    public MosquittoPasswd(String executable) {
        this.executable = executable;
    }

    /** {@code mosquitto_passwd} from the usual places, or from the {@code PATH}. */
    public static MosquittoPasswd find() {
        for (String candidate : List.of("/usr/bin/mosquitto_passwd", "/usr/local/bin/mosquitto_passwd")) {
            if (Files.isExecutable(Path.of(candidate))) {
                return new MosquittoPasswd(candidate);
            }
        }
        return new MosquittoPasswd("mosquitto_passwd");
    }

    /** Hashes {@code plain} (user → password) and returns user → hash. */
    public PasswordFile hash(Map<String, String> plain) {
        Path scratch = null;
        try {
            scratch = Files.createTempFile("opvang-passwd", ".tmp",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            StringBuilder text = new StringBuilder();
            plain.forEach((user, password) -> text.append(user).append(':').append(password).append('\n'));
            Files.writeString(scratch, text, StandardCharsets.UTF_8);
            Process process = new ProcessBuilder(executable, "-U", scratch.toString()).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IllegalStateException("mosquitto_passwd -U failed: " + output.strip());
            }
            PasswordFile hashed = PasswordFile.read(scratch);
            if (!hashed.hashes().keySet().equals(plain.keySet())) {
                throw new IllegalStateException("mosquitto_passwd -U did not hash every user");
            }
            return hashed;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + executable + " (apt-get install mosquitto)", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while hashing passwords", e);
        } finally {
            if (scratch != null) {
                AtomicFile.deleteQuietly(scratch);
            }
        }
    }
}
