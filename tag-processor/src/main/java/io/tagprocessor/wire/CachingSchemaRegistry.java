package io.tagprocessor.wire;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;

/**
 * Remembers every answer of another registry client so that steady state makes no calls: one per
 * (subject, schema) and one per id. Failures are not remembered, so a transient failure is retried on
 * the next call. Registered schemas and ids never change meaning, which makes the caches safe without
 * expiry; they grow with the number of distinct schemas, not records.
 */
public final class CachingSchemaRegistry implements SchemaRegistry {

    private final SchemaRegistry delegate;
    private final Map<SubjectSchema, Integer> idsBySubjectSchema = new ConcurrentHashMap<>();
    private final Map<Integer, Schema> schemasById = new ConcurrentHashMap<>();

    public CachingSchemaRegistry(SchemaRegistry delegate) {
        this.delegate = delegate;
    }

    @Override
    public int register(String subject, Schema schema) {
        SubjectSchema key = new SubjectSchema(subject, schema);
        Integer known = idsBySubjectSchema.get(key);
        return known != null ? known : remember(key, delegate.register(subject, schema));
    }

    @Override
    public int lookup(String subject, Schema schema) {
        SubjectSchema key = new SubjectSchema(subject, schema);
        Integer known = idsBySubjectSchema.get(key);
        return known != null ? known : remember(key, delegate.lookup(subject, schema));
    }

    @Override
    public Schema schemaById(int id) {
        Schema known = schemasById.get(id);
        if (known != null) {
            return known;
        }
        Schema fetched = delegate.schemaById(id);
        Schema raced = schemasById.putIfAbsent(id, fetched);
        return raced != null ? raced : fetched;
    }

    private int remember(SubjectSchema key, int id) {
        idsBySubjectSchema.putIfAbsent(key, id);
        // the writer's own schema object is also the best answer for its id: no parse, same identity
        schemasById.putIfAbsent(id, key.schema());
        return id;
    }

    private record SubjectSchema(String subject, Schema schema) {}

    @Override
    public void checkReachable() {
        delegate.checkReachable();
    }
}
