package io.tagprocessor.wire;

import io.tagprocessor.wire.WireFormatException.RegistryUnavailable;
import io.tagprocessor.wire.WireFormatException.SchemaRejected;
import io.tagprocessor.wire.WireFormatException.UnknownSchemaId;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.avro.Schema;

/**
 * A registry held in memory for unit tests: ids by schema content (like Confluent and Apicurio's
 * content ids), every call counted, and a switch that makes it unreachable.
 */
final class InMemorySchemaRegistry implements SchemaRegistry {

    private final Map<Integer, Schema> schemas = new ConcurrentHashMap<>();
    private final Map<String, List<Integer>> subjects = new ConcurrentHashMap<>();
    private final AtomicInteger nextId = new AtomicInteger(1);
    final AtomicInteger calls = new AtomicInteger();
    volatile boolean down;

    @Override
    public synchronized int register(String subject, Schema schema) {
        answerable();
        int id = schemas.entrySet().stream()
                .filter(e -> e.getValue().equals(schema))
                .map(Map.Entry::getKey)
                .findFirst()
                .orElseGet(() -> add(schema));
        subjects.computeIfAbsent(subject, s -> new CopyOnWriteArrayList<>()).add(id);
        return id;
    }

    @Override
    public int lookup(String subject, Schema schema) {
        answerable();
        return subjects.getOrDefault(subject, List.of()).stream()
                .filter(id -> schemas.get(id).equals(schema))
                .findFirst()
                .orElseThrow(() -> new SchemaRejected(subject, "not registered"));
    }

    @Override
    public Schema schemaById(int id) {
        answerable();
        Schema schema = schemas.get(id);
        if (schema == null) {
            throw new UnknownSchemaId(id);
        }
        return schema;
    }

    /** Stores a schema without a subject, as another producer might have, and returns its id. */
    synchronized int add(Schema schema) {
        int id = nextId.getAndIncrement();
        schemas.put(id, schema);
        return id;
    }

    private void answerable() {
        calls.incrementAndGet();
        if (down) {
            throw new RegistryUnavailable("registry is down (test)", null);
        }
    }

    @Override
    public void checkReachable() {}
}
