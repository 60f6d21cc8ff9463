package io.tagprocessor.testinfra;

/**
 * A brand-new, empty PostgreSQL database created by {@link TestInfrastructure#newDatabase(String)}.
 * {@link #close()} drops it, forcibly disconnecting whoever is still connected.
 */
public record PostgresDatabase(String name, String jdbcUrl, String username, String password) implements AutoCloseable {

    @Override
    public void close() {
        PostgresServer.dropCreated(name);
    }

    @Override
    public String toString() {
        return "PostgresDatabase[name=" + name + ", jdbcUrl=" + jdbcUrl + ", username=" + username + ", password="
                + (password == null || password.isEmpty() ? "<none>" : "****") + "]";
    }
}
