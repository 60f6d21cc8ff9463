package io.tagprocessor.config;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationInfoService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Checks at startup that the database holds what the code reads and writes: no migration of the
 * code is pending (Flyway {@code info()}, nothing is migrated here) and every table and column the
 * code uses exists in the current schema. Reports every problem at once in one exception so a
 * failed start names exactly what to fix. Only reads. {@code flyway} may be null (Flyway switched
 * off entirely): then only tables and columns are checked.
 */
record SchemaValidator(JdbcClient jdbc, Flyway flyway, boolean migrate) {

    private static final Logger log = LoggerFactory.getLogger(SchemaValidator.class);

    /** The tables and columns the code uses; a new column the code reads belongs here too. */
    static final List<Table> EXPECTED = List.of(
            new Table(
                    "tags",
                    "id",
                    "normalized_name",
                    "display_name",
                    "description",
                    "color",
                    "created_at",
                    "created_by",
                    "updated_at",
                    "updated_by",
                    "event_key",
                    "retired",
                    "successor_id",
                    "pending_changes"),
            new Table("entities", "entity_type", "entity_id", "version", "updated_at"),
            new Table(
                    "entity_tags",
                    "entity_type",
                    "entity_id",
                    "tag_id",
                    "assigned_by",
                    "assigned_at",
                    "source",
                    "command_id"),
            new Table(
                    "processed_events",
                    "command_id",
                    "topic",
                    "partition",
                    "offset",
                    "outcome",
                    "reason",
                    "issued_by",
                    "processed_at"),
            new Table(
                    "outbox",
                    "id",
                    "topic",
                    "record_key",
                    "event_id",
                    "event_type",
                    "causation_id",
                    "payload",
                    "state_topic",
                    "state_payload",
                    "headers",
                    "created_at"),
            new Table("outbox_parked", "id", "topic", "event_id", "created_at", "parked_at", "error"),
            new Table("relay_leader", "id", "epoch", "holder", "renewed_at"),
            new Table("command_offsets", "group_id", "topic", "partition", "next_offset", "updated_at"),
            new Table("claim_copies", "command_id", "topic", "partition", "offset"),
            new Table(
                    "restructure_barriers",
                    "sequence",
                    "command_id",
                    "topic",
                    "partition",
                    "offset",
                    "after_partitions",
                    "after_offsets"),
            new Table(
                    "fanout_jobs",
                    "id",
                    "tag_id",
                    "successor_id",
                    "command_id",
                    "issued_by",
                    "source",
                    "applied_at",
                    "entity_count"));

    private static final String SELECT_COLUMNS_OF_TABLES = """
            SELECT table_name, column_name
            FROM information_schema.columns
            WHERE table_schema = current_schema()
              AND table_name IN (:tables)
            """;

    record Table(String name, List<String> columns) {
        Table(String name, String... columns) {
            this(name, List.of(columns));
        }
    }

    /** Returns when the schema is usable; otherwise throws naming every problem found. */
    void validate() {
        MigrationInfoService migrations = flyway == null ? null : flyway.info();
        List<String> problems = new ArrayList<>();
        pendingMigrations(migrations).ifPresent(problems::add);
        problems.addAll(missingTablesAndColumns());
        if (!problems.isEmpty()) {
            log.error("schema_invalid problems=\"{}\"", String.join("; ", problems));
            throw new IllegalStateException("schema validation failed: " + String.join("; ", problems));
        }
        log.info("schema_valid tables={} version={}", EXPECTED.size(), version(migrations));
    }

    private Optional<String> pendingMigrations(MigrationInfoService migrations) {
        if (migrations == null) {
            log.warn("schema_version_check skipped=true reason=\"Flyway is off (spring.flyway.enabled=false)\"");
            return Optional.empty();
        }
        MigrationInfo[] pending = migrations.pending();
        if (pending.length == 0) {
            return Optional.empty();
        }
        String scripts = Arrays.stream(pending).map(MigrationInfo::getScript).collect(Collectors.joining(", "));
        String hint = migrate
                ? ""
                : " (tag-processor.database.migrate is false: apply them with Flyway first, or set DATABASE_MIGRATE=true)";
        return Optional.of("pending migrations " + scripts + hint);
    }

    private List<String> missingTablesAndColumns() {
        Map<String, Set<String>> present = jdbc
                .sql(SELECT_COLUMNS_OF_TABLES)
                .param("tables", EXPECTED.stream().map(Table::name).toList())
                .query((row, number) -> Map.entry(row.getString("table_name"), row.getString("column_name")))
                .stream()
                .collect(Collectors.groupingBy(
                        Map.Entry::getKey, Collectors.mapping(Map.Entry::getValue, Collectors.toSet())));
        List<String> missing = new ArrayList<>();
        for (Table table : EXPECTED) {
            Set<String> columns = present.get(table.name());
            if (columns == null) {
                missing.add("missing table " + table.name());
                continue;
            }
            table.columns().stream()
                    .filter(column -> !columns.contains(column))
                    .forEach(column -> missing.add("missing column " + table.name() + "." + column));
        }
        return missing;
    }

    private static String version(MigrationInfoService migrations) {
        MigrationInfo current = migrations == null ? null : migrations.current();
        return current == null ? "unknown" : current.getVersion().toString();
    }
}
