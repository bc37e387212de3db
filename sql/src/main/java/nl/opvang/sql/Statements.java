package nl.opvang.sql;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The statements of one transaction, each prepared on its first use and reused after: for code that runs the same few
 * statements for every event of an ingest batch, where a prepare per event costs more than the statement itself
 * (docs/PERFORMANCE.md). The same calls as {@link Sql}; close it before the transaction ends.
 */
public final class Statements implements AutoCloseable {
    private final Connection connection;
    private final Map<String, PreparedStatement> prepared = new HashMap<>();

    public Statements(Connection connection) {
        this.connection = connection;
    }

    /** Runs an INSERT, UPDATE or DELETE; returns the number of rows it changed. */
    public int update(String statementText, Object... parameters) throws SQLException {
        return bound(statementText, parameters).executeUpdate();
    }

    /** The first column of the first row as a long; {@code orElse} when there is no row or it is NULL. */
    public long number(String query, long orElse, Object... parameters) throws SQLException {
        try (ResultSet rows = bound(query, parameters).executeQuery()) {
            return Sql.number(rows, orElse);
        }
    }

    /** The first row of {@code query}, mapped, or empty when there is none. */
    public <T> Optional<T> first(String query, RowMapper<T> mapper, Object... parameters) throws SQLException {
        try (ResultSet rows = bound(query, parameters).executeQuery()) {
            return Sql.first(rows, mapper);
        }
    }

    private PreparedStatement bound(String text, Object... parameters) throws SQLException {
        PreparedStatement statement = prepared.get(text);
        if (statement == null) {
            statement = connection.prepareStatement(text);
            prepared.put(text, statement);
        }
        statement.clearParameters();
        Sql.bind(statement, parameters);
        return statement;
    }

    @Override
    public void close() throws SQLException {
        SQLException first = null;
        for (PreparedStatement statement : prepared.values()) {
            try {
                statement.close();
            } catch (SQLException e) {
                if (first == null) {
                    first = e;
                } else {
                    first.addSuppressed(e);
                }
            }
        }
        prepared.clear();
        if (first != null) {
            throw first;
        }
    }
}
