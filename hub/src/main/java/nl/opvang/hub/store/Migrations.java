package nl.opvang.hub.store;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * The numbered schema migrations: {@code migrations/V1.sql}, {@code V2.sql}, ... next to this class, each applied once,
 * in order of number (features developed in parallel take their own numbers; a gap is allowed). Never edit a released
 * file: add a new number. SQL stays portable to PostgreSQL
 * ({@code INTEGER} milliseconds for time, {@code ON CONFLICT} upserts); statements end with a semicolon at the end of
 * a line.
 */
final class Migrations {
    /** Highest version looked for. */
    private static final int MAX_VERSION = 200;

    static final Map<Integer, String> ALL = load();

    private Migrations() {
    }

    private static Map<Integer, String> load() {
        Map<Integer, String> migrations = new TreeMap<>();
        for (int version = 1; version <= MAX_VERSION; version++) {
            try (InputStream in = Migrations.class.getResourceAsStream("migrations/V" + version + ".sql")) {
                if (in != null) {
                    migrations.put(version, new String(in.readAllBytes(), StandardCharsets.UTF_8));
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return Collections.unmodifiableMap(migrations);
    }
}
