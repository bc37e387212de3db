package nl.opvang.hub.ops;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A Mosquitto {@code password_file}: one {@code user:hash} line per user. Read, changed in memory, written atomically;
 * the hashes come from {@link MosquittoPasswd}, never from our own code.
 */
public final class PasswordFile {
    private final Map<String, String> hashes;

    private PasswordFile(Map<String, String> hashes) {
        this.hashes = new TreeMap<>(hashes);
    }

    /** The file's entries, or an empty file when it does not exist yet. */
    public static PasswordFile read(Path file) {
        Map<String, String> hashes = new TreeMap<>();
        if (!Files.exists(file)) {
            return new PasswordFile(hashes);
        }
        try {
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                int colon = line.indexOf(':');
                if (!line.isBlank() && !line.startsWith("#") && colon > 0) {
                    hashes.put(line.substring(0, colon), line.substring(colon + 1));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the password file " + file, e);
        }
        return new PasswordFile(hashes);
    }

    public Map<String, String> hashes() {
        return Collections.unmodifiableMap(hashes);
    }

    public boolean has(String user) {
        return hashes.containsKey(user);
    }

    void put(String user, String hash) {
        hashes.put(user, hash);
    }

    void remove(String user) {
        hashes.remove(user);
    }

    /** The file's text, users sorted so that a regeneration without changes writes the same bytes. */
    public String text() {
        List<String> lines = new ArrayList<>();
        hashes.forEach((user, hash) -> lines.add(user + ":" + hash));
        return lines.isEmpty() ? "" : String.join("\n", lines) + "\n";
    }
}
