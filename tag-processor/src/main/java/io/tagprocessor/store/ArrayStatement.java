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
 * batch travels in one round trip with one plan. Parameters are bound, never concatenated.
 */
public final class ArrayStatement implements PreparedStatementCreator {

    private record Parameter(String type, Object[] values) {}

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
        parameters.add(new Parameter(type, values));
        return this;
    }

    @Override
    public PreparedStatement createPreparedStatement(Connection connection) throws SQLException {
        PreparedStatement statement = connection.prepareStatement(sql);
        for (int i = 0; i < parameters.size(); i++) {
            Parameter parameter = parameters.get(i);
            statement.setArray(i + 1, connection.createArrayOf(parameter.type(), typed(parameter)));
        }
        return statement;
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
