package io.tagprocessor.testinfra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

class TestInfrastructureIT {

    private static final String SCHEMA_CONTENT_TYPE = "application/vnd.schemaregistry.v1+json";
    private static final String SCHEMA_V1 = """
            {"type":"record","name":"Probe","namespace":"it","fields":[{"name":"a","type":"string"}]}""";
    private static final String SCHEMA_V2_BREAKING = """
            {"type":"record","name":"Probe","namespace":"it","fields":[{"name":"a","type":"string"},{"name":"b","type":"string"}]}""";

    private final TestInfrastructure infra = TestInfrastructure.get();
    private final HttpClient http = HttpClient.newHttpClient();
    private final JsonMapper json = JsonMapper.builder().build();

    @Test
    void producedRecordIsConsumedThroughTheBroker() throws Exception {
        String topic = "it-roundtrip-" + UUID.randomUUID();
        infra.createTopics(2, topic);
        Records.send(infra.kafkaBootstrapServers(), topic, "article:42", "hello");

        assertThat(TopicReader.readAll(infra.kafkaBootstrapServers(), topic))
                .singleElement()
                .satisfies(record -> {
                    assertThat(TopicReader.key(record)).isEqualTo("article:42");
                    assertThat(TopicReader.value(record)).isEqualTo("hello");
                });
    }

    @Test
    void schemaRegisteredViaCcompatIsFetchedBackById() throws Exception {
        HttpResponse<String> registered = register("it-fetch-" + UUID.randomUUID() + "-value", SCHEMA_V1);
        assertThat(registered.statusCode()).isEqualTo(200);
        int id = json.readTree(registered.body()).get("id").asInt();

        HttpResponse<String> fetched = http.send(
                HttpRequest.newBuilder(URI.create(infra.schemaRegistryUrl() + "/schemas/ids/" + id))
                        .GET()
                        .build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(fetched.statusCode()).isEqualTo(200);
        assertThat(json.readTree(json.readTree(fetched.body()).get("schema").asString()))
                .isEqualTo(json.readTree(SCHEMA_V1));
    }

    @Test
    void backwardCompatibilityRuleRefusesABreakingChange() throws Exception {
        String subject = "it-compat-" + UUID.randomUUID() + "-value";
        assertThat(register(subject, SCHEMA_V1).statusCode()).isEqualTo(200);

        HttpResponse<String> breaking = register(subject, SCHEMA_V2_BREAKING);

        assertThat(breaking.statusCode()).isEqualTo(409);
    }

    @Test
    void newDatabaseIsCreatedEmptyAndDroppedOnClose() throws Exception {
        PostgresDatabase database = infra.newDatabase("it_fixture");
        try (database;
                Connection connection = connect(database);
                ResultSet tables = connection
                        .createStatement()
                        .executeQuery("SELECT count(*) FROM pg_tables WHERE schemaname = 'public'")) {
            assertThat(connection.getCatalog()).isEqualTo(database.name()).startsWith("it_fixture_");
            tables.next();
            assertThat(tables.getInt(1)).isZero();
        }

        assertThatThrownBy(() -> connect(database).close())
                .isInstanceOf(SQLException.class)
                .extracting(e -> ((SQLException) e).getSQLState())
                .isEqualTo("3D000");
    }

    @Test
    void unsafeDatabasePrefixIsRefused() {
        assertThatThrownBy(() -> infra.newDatabase("x\"; DROP DATABASE postgres; --"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private HttpResponse<String> register(String subject, String schema) throws Exception {
        String body = json.writeValueAsString(Map.of("schema", schema));
        HttpRequest request = HttpRequest.newBuilder(
                        URI.create(infra.schemaRegistryUrl() + "/subjects/" + subject + "/versions"))
                .header("Content-Type", SCHEMA_CONTENT_TYPE)
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private static Connection connect(PostgresDatabase database) throws SQLException {
        return DriverManager.getConnection(database.jdbcUrl(), database.username(), database.password());
    }
}
