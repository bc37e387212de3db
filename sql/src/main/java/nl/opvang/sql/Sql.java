package nl.opvang.sql;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Plain JDBC with the boilerplate taken out: one statement, its parameters bound in order, rows mapped by a
 * {@link RowMapper}. No reflection and no object per row beyond what the mapper makes, so the event ingest path can use
 * it too. Runs on the connection it is given: transactions belong to the caller (the hub's and the node's database
 * classes).
 */
public final class Sql {
    /** Binds an {@code Object[]} row's values in order, for a {@link #batch} whose rows are plain value arrays. */
    public static final RowBinder<Object[]> VALUES = Sql::bind;

    private Sql() {
    }

    /** All rows of {@code query}, mapped. */
    public static <T> List<T> list(Connection connection, String query, RowMapper<T> mapper, Object... parameters)
            throws SQLException {
        try (PreparedStatement statement = prepare(connection, query, parameters);
             ResultSet rows = statement.executeQuery()) {
            List<T> result = new ArrayList<>();
            while (rows.next()) {
                result.add(mapper.map(rows));
            }
            return result;
        }
    }

    /** The first row of {@code query}, mapped, or empty when there is none. */
    public static <T> Optional<T> first(Connection connection, String query, RowMapper<T> mapper, Object... parameters)
            throws SQLException {
        try (PreparedStatement statement = prepare(connection, query, parameters);
             ResultSet rows = statement.executeQuery()) {
            return first(rows, mapper);
        }
    }

    /** The first row of {@code rows}, mapped, or empty; shared with {@link Statements}. */
    static <T> Optional<T> first(ResultSet rows, RowMapper<T> mapper) throws SQLException {
        return rows.next() ? Optional.ofNullable(mapper.map(rows)) : Optional.empty();
    }

    /** The first column of the first row as a long ({@code COUNT(*)}, {@code MAX(..)}); {@code orElse} when no row or NULL. */
    public static long number(Connection connection, String query, long orElse, Object... parameters)
            throws SQLException {
        try (PreparedStatement statement = prepare(connection, query, parameters);
             ResultSet rows = statement.executeQuery()) {
            return number(rows, orElse);
        }
    }

    /** The first column of the first row of {@code rows} as a long, or {@code orElse}; shared with {@link Statements}. */
    static long number(ResultSet rows, long orElse) throws SQLException {
        if (!rows.next()) {
            return orElse;
        }
        long value = rows.getLong(1);
        return rows.wasNull() ? orElse : value;
    }

    /** Runs an INSERT, UPDATE or DELETE; returns the number of rows it changed. */
    public static int update(Connection connection, String statementText, Object... parameters) throws SQLException {
        try (PreparedStatement statement = prepare(connection, statementText, parameters)) {
            return statement.executeUpdate();
        }
    }

    /**
     * Hands the rows of {@code query}, mapped, to {@code more} one at a time without holding them all (a chain to walk
     * from the start); stops early when {@code more} returns false.
     */
    public static <T> void each(Connection connection, String query, RowMapper<T> mapper, Predicate<T> more,
                                Object... parameters) throws SQLException {
        try (PreparedStatement statement = prepare(connection, query, parameters);
             ResultSet rows = statement.executeQuery()) {
            while (rows.next()) {
                if (!more.test(mapper.map(rows))) {
                    return;
                }
            }
        }
    }

    /**
     * Runs {@code statementText} once per item as one JDBC batch, each item bound by {@code binder}; returns the number
     * of rows changed. No statement is prepared for no items.
     */
    public static <T> int batch(Connection connection, String statementText, Collection<? extends T> items,
                                RowBinder<? super T> binder) throws SQLException {
        if (items.isEmpty()) {
            return 0;
        }
        try (PreparedStatement statement = connection.prepareStatement(statementText)) {
            for (T item : items) {
                binder.bind(statement, item);
                statement.addBatch();
            }
            int changed = 0;
            for (int count : statement.executeBatch()) {
                changed += Math.max(count, 0);
            }
            return changed;
        }
    }

    private static PreparedStatement prepare(Connection connection, String text, Object... parameters)
            throws SQLException {
        PreparedStatement statement = connection.prepareStatement(text);
        try {
            bind(statement, parameters);
            return statement;
        } catch (SQLException | RuntimeException e) {
            statement.close();
            throw e;
        }
    }

    /** Binds {@code parameters} in order; shared with {@link Statements}. */
    static void bind(PreparedStatement statement, Object... parameters) throws SQLException {
        for (int i = 0; i < parameters.length; i++) {
            statement.setObject(i + 1, parameters[i]);
        }
    }
}
