package io.tagprocessor.command;

import io.tagprocessor.wire.WireFormatException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.http.HttpTimeoutException;
import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;
import java.util.Set;
import org.springframework.dao.RecoverableDataAccessException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionSystemException;

/**
 * Decides whether a failure is transient (retry the batch with back-off, forever) or belongs to
 * the record (isolate it). When in doubt about the database or the registry being reachable, it
 * is transient: retrying a poison record costs time, skipping a good one loses it.
 */
final class Transience {

    /** Connection errors (08xxx) and these: serialization, deadlock, shutdown, overload, lock timeout. */
    private static final Set<String> TRANSIENT_SQL_STATES =
            Set.of("40001", "40P01", "57P01", "57P02", "57P03", "53300", "53400", "55P03", "57014");

    private Transience() {}

    static boolean isTransient(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof WireFormatException wire) {
                return wire.isTransient();
            }
            if (t instanceof TransientDataAccessException
                    || t instanceof RecoverableDataAccessException
                    || t instanceof CannotGetJdbcConnectionException
                    || t instanceof CannotCreateTransactionException
                    || t instanceof TransactionSystemException
                    || t instanceof SQLTransientException
                    || t instanceof SQLRecoverableException
                    || t instanceof ConnectException
                    || t instanceof SocketTimeoutException
                    || t instanceof HttpTimeoutException) {
                return true;
            }
            if (t instanceof SQLException sql && isTransientState(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }

    private static boolean isTransientState(String state) {
        return state != null && (state.startsWith("08") || TRANSIENT_SQL_STATES.contains(state));
    }
}
