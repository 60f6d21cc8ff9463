package io.tagprocessor.chaos.workload;

import io.tagprocessor.avro.command.EntityTagsReplaced;
import io.tagprocessor.avro.command.TagAssigned;
import io.tagprocessor.avro.command.TagCommand;
import io.tagprocessor.avro.command.TagDefined;
import io.tagprocessor.avro.command.TagUnassigned;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Commands that decode fine but break one rule each, with the reason code they must be refused with. */
final class Invalids {

    private final Workload workload;

    Invalids(Workload workload) {
        this.workload = workload;
    }

    Planned next(int phase) {
        Random random = workload.random();
        int e = workload.randomEntity();
        String type = Names.entityType(e);
        String id = Names.entityId(e);
        String key = Names.entityKey(e);
        switch (random.nextInt(14)) {
            case 0:
                return invalid(phase, key, new TagAssigned(type, id, "bad!tag"), "INVALID_TAG_NAME");
            case 1:
                return invalid(phase, key, new TagAssigned(type, id, "x'); DROP TABLE tags;--"), "INVALID_TAG_NAME");
            case 2:
                return invalid(phase, key, new TagAssigned(type, id, "   "), "INVALID_TAG_NAME");
            case 3:
                return invalid(phase, key, new TagUnassigned(type, id, "T".repeat(65)), "INVALID_TAG_NAME");
            case 4:
                return invalid(phase, "Doc:" + id, new TagAssigned("Doc", id, "Topic-001"), "INVALID_ENTITY_TYPE");
            case 5:
                return invalid(phase, type + ":", new TagAssigned(type, "", "Topic-001"), "INVALID_ENTITY_ID");
            case 6:
                return invalid(phase, key, new TagAssigned(type, "bell\u0007" + e, "Topic-001"), "INVALID_ENTITY_ID");
            case 7:
                return invalid(phase, key, new TagAssigned(type, "x".repeat(129), "Topic-001"), "INVALID_ENTITY_ID");
            case 8:
                return invalid(phase, "tag:topic-001", new TagDefined("Topic-001", "d", "red"), "INVALID_COLOR");
            case 9:
                return invalid(
                        phase,
                        "tag:topic-002",
                        new TagDefined("Topic-002", "d".repeat(501), null),
                        "INVALID_DESCRIPTION");
            case 10:
                List<String> tooMany = new ArrayList<>();
                for (int n = 0; n < 101; n++) {
                    tooMany.add("Many-" + n);
                }
                return invalid(phase, key, new EntityTagsReplaced(type, id, tooMany), "TOO_MANY_TAGS");
            case 11:
                return withEnvelope(phase, key, new TagAssigned(type, id, "Topic-001"), "", "chaos", "INVALID_ACTOR");
            case 12:
                return withEnvelope(phase, key, new TagAssigned(type, id, "Topic-001"), "ops", "", "INVALID_SOURCE");
            default:
                TagCommand command = workload.envelope(new TagAssigned(type, id, "Topic-001"));
                command.setCorrelationId("line\nbreak");
                return workload.invalid(phase, key, command, "INVALID_CORRELATION_ID");
        }
    }

    private Planned invalid(int phase, String key, Object payload, String reason) {
        return workload.invalid(phase, key, payload, reason);
    }

    private Planned withEnvelope(int phase, String key, Object payload, String actor, String source, String reason) {
        TagCommand command = workload.envelope(payload);
        command.setIssuedBy(actor);
        command.setSource(source);
        return workload.invalid(phase, key, command, reason);
    }

    /** One entity driven to the 100-tag limit: a refused assign, a refused oversized set, a no-op. */
    void crowd(int phase, List<Planned> records) {
        List<String> hundred = new ArrayList<>();
        for (int n = 0; n < 100; n++) {
            hundred.add("Crowd-%03d".formatted(n));
        }
        records.add(workload.original(phase, "doc:crowded", new EntityTagsReplaced("doc", "crowded", hundred)));
        records.add(workload.original(phase, "doc:crowded", new TagAssigned("doc", "crowded", "Crowd-100")));
        List<String> tooMany = new ArrayList<>(hundred);
        tooMany.add("Crowd-100");
        records.add(workload.invalid(
                phase, "doc:crowded", new EntityTagsReplaced("doc", "crowded", tooMany), "TOO_MANY_TAGS"));
        records.add(workload.original(phase, "doc:crowded", new TagAssigned("doc", "crowded", "crowd-005")));
        records.add(workload.original(phase, "doc:crowded", new TagUnassigned("doc", "crowded", "Crowd-000")));
    }
}
