package io.tagprocessor.contract;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.SchemaCompatibilityType;
import org.apache.avro.SchemaCompatibility.SchemaPairCompatibility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Keeps the Avro contract BACKWARD compatible: each schema in {@code schemas/avro} must read data written
 * with its last released copy in {@code schemas/avro/released}, as the registry will demand.
 */
class SchemaCompatibilityTest {

    static final Path SCHEMAS = locateSchemas();
    static final Path RELEASED = SCHEMAS.resolve("released");

    /** Found from the module directory (Maven) or the repository root (an IDE), whichever runs us. */
    private static Path locateSchemas() {
        Path start = Path.of(System.getProperty("basedir", System.getProperty("user.dir")))
                .toAbsolutePath();
        for (Path dir = start; dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("schemas/avro");
            if (Files.isDirectory(candidate.resolve("released"))) {
                return candidate;
            }
        }
        throw new IllegalStateException("no schemas/avro/released above " + start);
    }

    static List<Path> releasedSchemas() throws IOException {
        try (Stream<Path> files = Files.list(RELEASED)) {
            return files.filter(f -> f.toString().endsWith(".avsc")).sorted().toList();
        }
    }

    private static Schema parse(Path file) throws IOException {
        return new Schema.Parser().parse(file.toFile());
    }

    private static SchemaPairCompatibility readerReadsWriter(Schema reader, Schema writer) {
        return SchemaCompatibility.checkReaderWriterCompatibility(reader, writer);
    }

    @Test
    void everySchemaHasAReleasedCopyAndNoneWasDropped() throws IOException {
        List<String> released =
                releasedSchemas().stream().map(f -> f.getFileName().toString()).toList();
        List<String> current = new ArrayList<>();
        try (Stream<Path> files = Files.list(SCHEMAS)) {
            files.filter(f -> f.toString().endsWith(".avsc"))
                    .forEach(f -> current.add(f.getFileName().toString()));
        }
        assertThat(released).isNotEmpty();
        assertThat(current).containsExactlyInAnyOrderElementsOf(released);
    }

    @ParameterizedTest
    @MethodSource("releasedSchemas")
    void currentSchemaReadsDataOfTheReleasedOne(Path released) throws IOException {
        Schema current = parse(SCHEMAS.resolve(released.getFileName()));
        SchemaPairCompatibility result = readerReadsWriter(current, parse(released));

        assertThat(result.getType())
                .as("%s breaks BACKWARD compatibility: %s", released.getFileName(), describe(result))
                .isEqualTo(SchemaCompatibilityType.COMPATIBLE);
    }

    @Test
    void checkerCatchesANewRequiredFieldWithoutDefault() throws IOException {
        Schema released = parse(RELEASED.resolve("EntityTagState.avsc"));
        Schema.Field owner = new Schema.Field("owner", Schema.create(Schema.Type.STRING), "required", null);

        Schema breaking = withFields(released, Stream.concat(released.getFields().stream(), Stream.of(owner)));

        assertThat(readerReadsWriter(breaking, released).getType()).isEqualTo(SchemaCompatibilityType.INCOMPATIBLE);
    }

    @Test
    void checkerCatchesARemovedUnionBranch() throws IOException {
        Schema released = parse(RELEASED.resolve("TagCommand.avsc"));
        List<Schema> branches = released.getField("payload").schema().getTypes();
        Schema fewer = Schema.createUnion(branches.subList(0, branches.size() - 1));

        Schema breaking = withFields(
                released,
                released.getFields().stream().map(f -> f.name().equals("payload") ? new Schema.Field(f, fewer) : f));

        assertThat(readerReadsWriter(breaking, released).getType()).isEqualTo(SchemaCompatibilityType.INCOMPATIBLE);
    }

    private static String describe(SchemaPairCompatibility result) {
        return result.getResult().getIncompatibilities().stream()
                .map(i -> i.getType() + " at " + i.getLocation() + " (" + i.getMessage() + ")")
                .toList()
                .toString();
    }

    private static Schema withFields(Schema record, Stream<Schema.Field> fields) {
        List<Schema.Field> copies =
                fields.map(f -> new Schema.Field(f, f.schema())).toList();
        return Schema.createRecord(record.getName(), record.getDoc(), record.getNamespace(), false, copies);
    }
}
