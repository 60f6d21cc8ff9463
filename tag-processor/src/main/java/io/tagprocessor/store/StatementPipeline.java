package io.tagprocessor.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.JdbcOperations;
import org.springframework.jdbc.core.PreparedStatementCreator;
import org.springframework.jdbc.core.RowCallbackHandler;

/**
 * Statements sent to PostgreSQL together, in one round trip, inside the caller's transaction. Each
 * stays a statement of its own, run in the order added: its own plan, and (read committed) its own
 * snapshot, taken when the one before it has finished: a read after a locking read sees what the
 * lock's last holder committed. Nothing in Java can stand between them: a pipeline holds only
 * statements whose parameters are known before the first is sent, so a statement whose row count
 * decides whether the rest may run at all (a first version that a concurrent batch may have created)
 * is run alone, before. The first statement that fails fails the whole pipeline (and the transaction
 * with it).
 */
public final class StatementPipeline {

    private final List<ArrayStatement> statements = new ArrayList<>();
    private final List<RowCallbackHandler> readers = new ArrayList<>();

    /** Adds a statement whose rows, if it returns any, nobody reads; {@link #run} gives its row count. */
    public StatementPipeline write(ArrayStatement statement) {
        return add(statement, null);
    }

    /** Adds a query; {@code rows} sees each row it returns, during {@link #run}. */
    public StatementPipeline read(ArrayStatement statement, RowCallbackHandler rows) {
        return add(statement, rows);
    }

    /**
     * Sends every statement in one round trip and returns, per statement in the order added, the rows
     * it wrote (-1 for one that returned rows). An empty pipeline sends nothing.
     */
    public int[] run(JdbcOperations jdbc) {
        if (statements.isEmpty()) {
            return new int[0];
        }
        String sql = statements.stream().map(ArrayStatement::sql).collect(Collectors.joining(";\n"));
        PreparedStatementCreator creator = connection -> {
            PreparedStatement statement = connection.prepareStatement(sql);
            int position = 1;
            for (ArrayStatement each : statements) {
                position = each.bind(connection, statement, position);
            }
            return statement;
        };
        return jdbc.execute(creator, this::results);
    }

    private int[] results(PreparedStatement statement) throws SQLException {
        int[] counts = new int[statements.size()];
        boolean returnsRows = statement.execute();
        for (int i = 0; i < counts.length; i++) {
            if (returnsRows) {
                try (ResultSet rows = statement.getResultSet()) {
                    RowCallbackHandler reader = readers.get(i);
                    while (rows.next()) {
                        if (reader != null) {
                            reader.processRow(rows);
                        }
                    }
                }
                counts[i] = -1;
            } else {
                counts[i] = statement.getUpdateCount();
            }
            returnsRows = statement.getMoreResults();
        }
        return counts;
    }

    private StatementPipeline add(ArrayStatement statement, RowCallbackHandler rows) {
        statements.add(statement);
        readers.add(rows);
        return this;
    }
}
