package io.tagprocessor.wire;

import java.time.Duration;
import javax.net.ssl.SSLContext;
import org.apache.avro.Schema;

/**
 * The three schema registry operations the wire format needs. Implementations are safe for concurrent
 * use and fail only with {@link WireFormatException} subtypes.
 */
public interface SchemaRegistry {

    /** Registers the schema under the subject (or finds it already there) and returns its id. */
    int register(String subject, Schema schema);

    /**
     * Returns the id of a schema already registered under the subject.
     *
     * @throws WireFormatException.SchemaRejected when the subject does not hold this schema
     */
    int lookup(String subject, Schema schema);

    /**
     * Returns the schema with this id.
     *
     * @throws WireFormatException.UnknownSchemaId when the registry has no schema with this id
     */
    Schema schemaById(int id);

    /**
     * A client for a registry with the Confluent REST API that asks it about each schema and id once.
     *
     * @param url base URL, e.g. {@code http://registry:8081} or {@code http://host/apis/ccompat/v7}
     * @param username basic auth user, or null for none
     * @param password basic auth password, or null; never logged
     * @param requestTimeout upper bound for one HTTP exchange, connect included
     */
    static SchemaRegistry caching(String url, String username, String password, Duration requestTimeout) {
        return caching(url, username, password, requestTimeout, null);
    }

    /** As above, trusting the registry's HTTPS certificate through {@code tls}; null for the JVM's default trust. */
    static SchemaRegistry caching(
            String url, String username, String password, Duration requestTimeout, SSLContext tls) {
        return new CachingSchemaRegistry(new ConfluentRegistryClient(url, username, password, requestTimeout, tls));
    }
}
