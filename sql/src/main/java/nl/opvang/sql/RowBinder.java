package nl.opvang.sql;

import java.sql.PreparedStatement;
import java.sql.SQLException;

/**
 * Binds one item's values to a statement's parameters, with the typed setters, for {@link Sql#batch}: the writing
 * counterpart of {@link RowMapper}, kept as a constant next to the store that owns the table.
 */
@FunctionalInterface
public interface RowBinder<T> {
    void bind(PreparedStatement statement, T item) throws SQLException;
}
