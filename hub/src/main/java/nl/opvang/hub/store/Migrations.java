package nl.opvang.hub.store;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The numbered schema migrations: {@code migrations/V1.sql}, {@code V2.sql}, ... next to this class, applied in order
 * until the next number is missing. Never edit a released file: add the next number. SQL stays portable to PostgreSQL
 * ({@code INTEGER} milliseconds for time, {@code ON CONFLICT} upserts); statements end with a semicolon at the end of
 * a line.
 */
final class Migrations {
    static final List<String> ALL = load();

    private Migrations() {
    }

    private static List<String> load() {
        List<String> migrations = new ArrayList<>();
        for (int version = 1; ; version++) {
            try (InputStream in = Migrations.class.getResourceAsStream("migrations/V" + version + ".sql")) {
                if (in == null) {
                    return List.copyOf(migrations);
                }
                migrations.add(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
