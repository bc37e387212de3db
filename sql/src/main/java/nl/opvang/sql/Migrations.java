package nl.opvang.sql;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.flywaydb.core.api.output.MigrateOutput;
import org.flywaydb.core.api.output.MigrateResult;

/**
 * The one way the hub and the node bring a database schema up to date: Flyway, with the SQL files on the classpath
 * under {@code db/hub} or {@code db/device}, named {@code V<n>__<what>.sql} (docs/DESIGN.md §1). A run applies every
 * pending file in one transaction ({@code group}): a failing file leaves the database as it was. A file already
 * applied and changed since is refused (Flyway's validation): never edit a released file, add a new number.
 *
 * <p>A database made before Flyway carries the version marker of its old scheme ({@link LegacyMarker}). On its first
 * open its versions are taken over without running anything again: Flyway is baselined at the highest version up to
 * which the old scheme applied every file, files above it that the old scheme applied are recorded without running
 * them, and the rest run as usual. After each run the marker is written too, so that older software that only knows
 * the old marker refuses a database newer than itself instead of misreading it.
 */
public final class Migrations {
    /** Flyway's history table (its default name). */
    public static final String HISTORY = "flyway_schema_history";

    /** Flyway's validation of a database that has a version these files lack (none is ignored, see configure). */
    private static final Pattern FUTURE = Pattern.compile("applied migration not resolved locally: ([0-9.]+)");

    private final String location;
    private final LegacyMarker legacy;

    /**
     * @param location where the migration files are, as Flyway names it: {@code classpath:db/hub}
     * @param legacy   the old scheme's version marker, read on a database without {@value #HISTORY}
     */
    public Migrations(String location, LegacyMarker legacy) {
        this.location = location;
        this.legacy = legacy;
    }

    /** What a run did: the schema version now and the files it applied (by file name), in order. */
    /** {@code created}: the database had no schema before (a new data folder), so {@code applied} is every file. */
    public record Result(int version, List<String> applied, boolean created) {
        public Result {
            applied = List.copyOf(applied);
        }
    }

    /**
     * Brings the database behind {@code dataSource} up to date. Throws {@link MigrationException} naming the file when
     * one fails or was changed after it was applied, and when the database is newer than these files.
     */
    public Result migrate(DataSource dataSource) {
        List<String> applied = new ArrayList<>();
        boolean baselinedNow = false;
        try {
            Flyway flyway = configure(dataSource).load();
            if (!historyExists(dataSource)) {
                SortedSet<Integer> old = readLegacy(dataSource);
                if (old != null) {
                    baselinedNow = true;
                    takeOver(dataSource, old, known(flyway), applied);
                }
            }
            MigrateResult result = flyway.migrate();
            result.migrations.forEach(output -> applied.add(fileName(output)));
            String now = result.targetSchemaVersion != null ? result.targetSchemaVersion : result.initialSchemaVersion;
            int version = now == null ? 0 : Integer.parseInt(now);
            writeLegacy(dataSource, version);
            return new Result(version, applied, result.initialSchemaVersion == null && !baselinedNow);
        } catch (MigrationException e) {
            if (baselinedNow) {
                forgetBaseline(dataSource);
            }
            throw e;
        } catch (FlywayException e) {
            if (baselinedNow) {
                forgetBaseline(dataSource);
            }
            throw new MigrationException(describe(e), e);
        } catch (SQLException e) {
            throw new MigrationException("the database schema cannot be read: " + e.getMessage(), e);
        }
    }

    private FluentConfiguration configure(DataSource dataSource) {
        return Flyway.configure(Migrations.class.getClassLoader())
                .dataSource(dataSource)
                .locations(location)
                .failOnMissingLocations(true)
                // All pending files in one transaction: an upgrade is applied whole or not at all.
                .group(true)
                .validateMigrationNaming(true)
                // A database newer than this software is refused (see describe), not ignored as Flyway's default does.
                .ignoreMigrationPatterns(new String[0])
                .cleanDisabled(true);
    }

    /**
     * The old scheme applied {@code old}: baseline at the highest version up to which it applied every known file,
     * then record (without running) what it applied above that, running what it skipped. Only a database of the old
     * scheme that got a file out of order (features merged in another order than their numbers) takes the slow path.
     */
    private void takeOver(DataSource dataSource, SortedSet<Integer> old, SortedSet<Integer> known, List<String> applied)
            throws SQLException {
        for (int version : old) {
            if (!known.contains(version)) {
                throw new MigrationException(tooNew(Integer.toString(version)), null);
            }
        }
        int baseline = 0;
        for (int version : known) {
            if (!old.contains(version)) {
                break;
            }
            baseline = version;
        }
        configure(dataSource).baselineVersion(Integer.toString(baseline))
                .baselineDescription("taken over from the version marker before Flyway").load().baseline();
        if (old.isEmpty() || baseline == old.last()) {
            return;
        }
        for (int version : known.subSet(baseline + 1, old.last() + 1)) {
            boolean done = old.contains(version);
            MigrateResult result = configure(dataSource).target(Integer.toString(version)).skipExecutingMigrations(done)
                    .load().migrate();
            if (!done) {
                result.migrations.forEach(output -> applied.add(fileName(output)));
                // Committed: the old marker says so too, in case a later run fails and the take-over is forgotten.
                writeLegacy(dataSource, version);
            }
        }
    }

    private static SortedSet<Integer> known(Flyway flyway) {
        SortedSet<Integer> versions = new TreeSet<>();
        for (MigrationInfo info : flyway.info().all()) {
            if (info.getState().isResolved() && info.getVersion() != null && info.getScript() != null
                    && !info.getType().isBaseline()) {
                versions.add(Integer.parseInt(info.getVersion().getVersion()));
            }
        }
        return versions;
    }

    private static String tooNew(String version) {
        return "the database has schema version " + version + ", which this software does not know: it was opened by a "
                + "newer release; use that release or a newer one";
    }

    private static boolean historyExists(DataSource dataSource) throws SQLException {
        try (Connection connection = dataSource.getConnection();
             ResultSet tables = connection.getMetaData().getTables(null, null, HISTORY, null)) {
            return tables.next();
        }
    }

    private SortedSet<Integer> readLegacy(DataSource dataSource) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            return legacy.applied(connection);
        }
    }

    private void writeLegacy(DataSource dataSource, int version) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            legacy.record(connection, version);
        }
    }

    /** A failed first run leaves no trace of the take-over either: the next start reads the old marker again. */
    private static void forgetBaseline(DataSource dataSource) {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            statement.executeUpdate("DROP TABLE IF EXISTS " + HISTORY);
        } catch (SQLException ignored) {
            // The history then says what the old marker said; the next start goes on from there.
        }
    }

    private static String describe(FlywayException e) {
        String message = oneLine(String.valueOf(e.getMessage()));
        Matcher future = FUTURE.matcher(message);
        if (future.find()) {
            return tooNew(future.group(1));
        }
        if (message.contains("checksum mismatch") || message.contains("Validate failed")) {
            return "a migration file applied to this database has been changed since (never edit a released file, add "
                    + "a new one): " + message;
        }
        return "the database migration failed and nothing of it was kept: " + message;
    }

    /** Flyway's report in one line for a log or a start failure: what failed, its error and line, no advice or tables. */
    private static String oneLine(String report) {
        List<String> parts = new ArrayList<>();
        for (String line : report.split("\\R")) {
            String text = line.strip();
            if (text.isEmpty() || text.startsWith("---") || text.startsWith("->") || text.startsWith("SQL State")
                    || text.startsWith("Error Code") || text.startsWith("Location") || text.startsWith("Statement")
                    || text.startsWith("Need more flexibility") || text.startsWith("Either revert")) {
                continue;
            }
            if (text.startsWith("Message")) {
                text = text.substring(text.indexOf(':') + 1).strip();
            } else if (text.startsWith("Line")) {
                text = "at line " + text.substring(text.indexOf(':') + 1).strip();
            }
            parts.add(text);
        }
        return String.join("; ", parts);
    }

    private static String fileName(MigrateOutput output) {
        String path = output.filepath;
        if (path == null) {
            return "V" + output.version + "__" + output.description;
        }
        int slash = Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\'));
        return path.substring(slash + 1);
    }

    /** The version marker of a scheme before Flyway, read once per database and kept up to date for older software. */
    public interface LegacyMarker {
        /**
         * The versions the old scheme applied, or {@code null} when the database has no marker (a new database). An
         * empty set is a marker without versions.
         */
        SortedSet<Integer> applied(Connection connection) throws SQLException;

        /** Records that the schema is at {@code version}, the way the old scheme would have. */
        void record(Connection connection, int version) throws SQLException;
    }

    /** The schema could not be brought up to date; the message names the file and what went wrong. */
    public static final class MigrationException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public MigrationException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
