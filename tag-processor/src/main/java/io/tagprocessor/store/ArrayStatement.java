package io.tagprocessor.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.springframework.jdbc.core.PreparedStatementCreator;

/**
 * One statement whose parameters are arrays (PostgreSQL {@code unnest}/{@code ANY}), so a whole
 * batch travels in one round trip with one plan, and the odd single value (a group id, a lock key).
 * Parameters are bound, never concatenated. Run alone, or with others in a {@link StatementPipeline}.
 */
public final class ArrayStatement implements PreparedStatementCreator {

    /** An array of {@code type} elements, or (type null) one value bound as it is. */
    private record Parameter(String type, Object[] values, Object value) {}

    private final String sql;
    private final List<Parameter> parameters = new ArrayList<>();

    private ArrayStatement(String sql) {
        this.sql = sql;
    }

    public static ArrayStatement of(String sql) {
        return new ArrayStatement(sql);
    }

    /** Adds the next parameter: an array of the given SQL element type. */
    public ArrayStatement array(String type, Object[] values) {
        parameters.add(new Parameter(type, values, null));
        return this;
    }

    /** Adds the next parameter: one value (a group id, a lock key) rather than an array. */
    public ArrayStatement value(Object value) {
        parameters.add(new Parameter(null, null, value));
        return this;
    }

    String sql() {
        return sql;
    }

    @Override
    public PreparedStatement createPreparedStatement(Connection connection) throws SQLException {
        PreparedStatement statement = connection.prepareStatement(sql);
        bind(connection, statement, 1);
        return statement;
    }

    /** Binds the parameters from position {@code first} on; returns the position after the last. */
    int bind(Connection connection, PreparedStatement statement, int first) throws SQLException {
        int position = first;
        for (Parameter parameter : parameters) {
            if (parameter.type() == null) {
                statement.setObject(position++, parameter.value());
            } else {
                statement.setArray(position++, connection.createArrayOf(parameter.type(), typed(parameter)));
            }
        }
        return position;
    }

    /**
     * The values in an array of their Java type, which the driver sends in PostgreSQL's binary format
     * (for text, int8 and bytea) instead of an array literal the server has to parse.
     */
    private static Object[] typed(Parameter parameter) {
        Object[] values = parameter.values();
        return switch (parameter.type()) {
            case "text" -> Arrays.copyOf(values, values.length, String[].class);
            case "int8" -> Arrays.copyOf(values, values.length, Long[].class);
            default -> values;
        };
    }
}
