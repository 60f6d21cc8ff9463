package io.tagprocessor.wire;

import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import org.apache.avro.Schema;

/** Copies of record schemas with one field replaced, removed or a union branch added: other versions. */
final class SchemaEdits {

    private SchemaEdits() {}

    /** The record with the named field's schema changed, or the field dropped when the edit gives null. */
    static Schema editField(Schema record, String field, UnaryOperator<Schema> edit) {
        List<Schema.Field> fields = new ArrayList<>();
        for (Schema.Field f : record.getFields()) {
            Schema schema = f.name().equals(field) ? edit.apply(f.schema()) : f.schema();
            if (schema != null) {
                fields.add(new Schema.Field(f, schema));
            }
        }
        return Schema.createRecord(record.getName(), record.getDoc(), record.getNamespace(), false, fields);
    }

    static Schema withoutField(Schema record, String field) {
        return editField(record, field, s -> null);
    }

    static Schema withBranch(Schema union, Schema branch) {
        List<Schema> types = new ArrayList<>(union.getTypes());
        types.add(branch);
        return Schema.createUnion(types);
    }
}
