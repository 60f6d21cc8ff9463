package io.tagprocessor.relay;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * Opens the relay's own physical connection: the advisory lock lives as long as it does, so it
 * must not come from (or go back to) a pool.
 */
@FunctionalInterface
public interface RelayConnections {

    Connection open() throws SQLException;
}
