package nl.opvang.sql;

import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * Turns the current row of a result into a value, usually a record. One mapper per table (or per query shape), kept as
 * a constant next to the store that owns the table, so a column is read in one place.
 */
@FunctionalInterface
public interface RowMapper<T> {
    T map(ResultSet row) throws SQLException;
}
