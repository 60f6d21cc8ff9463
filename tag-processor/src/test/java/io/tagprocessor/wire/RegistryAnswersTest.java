package io.tagprocessor.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tagprocessor.avro.state.EntityTagState;
import io.tagprocessor.wire.WireFormatException.IncompatibleSchema;
import io.tagprocessor.wire.WireFormatException.RegistryUnavailable;
import io.tagprocessor.wire.WireFormatException.SchemaRejected;
import io.tagprocessor.wire.WireFormatException.UnknownSchemaId;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.apache.avro.Schema;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.json.JsonMapper;

/** How answers of a Confluent-API registry are read, without a network. */
class RegistryAnswersTest {

    private static RegistryResponse answer(int status, String body) {
        return new RegistryResponse(status, body.getBytes(StandardCharsets.UTF_8));
    }

    private static Schema schemaFrom(int id, RegistryResponse answer) {
        return new RegisteredSchemaParser(id, path -> {
                    throw new AssertionError("unexpected reference fetch " + path);
                })
                .parse(answer);
    }

    private static WireFormatException failure(String about, RegistryResponse answer) {
        return answer.failure(about);
    }

    private static String schemaAnswer(String extra) {
        String schema = JsonMapper.shared()
                .writeValueAsString(EntityTagState.getClassSchema().toString());
        return "{\"schema\":" + schema + extra + "}";
    }

    @Test
    void subjectsAreEncodedAsOnePathSegment() {
        assertThat(ConfluentRegistryClient.subjectPath("tag-commands-value")).isEqualTo("/subjects/tag-commands-value");
        assertThat(ConfluentRegistryClient.subjectPath("a/b c?d")).isEqualTo("/subjects/a%2Fb%20c%3Fd");
    }

    @Test
    void schemaAnswerIsParsed() {
        assertThat(schemaFrom(3, answer(200, schemaAnswer("")))).isEqualTo(EntityTagState.getClassSchema());
        assertThat(schemaFrom(3, answer(200, schemaAnswer(",\"schemaType\":\"AVRO\",\"references\":[]"))))
                .isEqualTo(EntityTagState.getClassSchema());
    }

    @Test
    void notFoundWithConfluentErrorCodeIsUnknownSchemaId() {
        assertThatThrownBy(() -> schemaFrom(9, answer(404, "{\"error_code\":40403,\"message\":\"Schema not found\"}")))
                .isInstanceOf(UnknownSchemaId.class);
    }

    @Test
    void notFoundWithoutConfluentErrorCodeMeansAWrongUrlAndIsTransient() {
        assertThatThrownBy(() -> schemaFrom(9, answer(404, "<html>Not Found</html>")))
                .isInstanceOf(RegistryUnavailable.class)
                .hasMessageContaining("HTTP 404");
    }

    @Test
    void nonAvroOrUnparsableSchemasAreIncompatible() {
        assertThatThrownBy(() -> schemaFrom(4, answer(200, "{\"schema\":\"syntax = 1\",\"schemaType\":\"PROTOBUF\"}")))
                .isInstanceOf(IncompatibleSchema.class)
                .hasMessageContaining("PROTOBUF");
        assertThatThrownBy(() -> schemaFrom(4, answer(200, "{\"schema\":\"{not avro\"}")))
                .isInstanceOf(IncompatibleSchema.class);
    }

    @Test
    void answerThatIsNotJsonIsTransient() {
        assertThatThrownBy(() -> schemaFrom(4, answer(200, "<html>proxy login</html>")))
                .isInstanceOf(RegistryUnavailable.class);
    }

    @ParameterizedTest
    @ValueSource(ints = {409, 422})
    void refusedSchemaIsRejectedNotTransient(int status) {
        WireFormatException failure =
                failure("s-value", answer(status, "{\"error_code\":" + status + ",\"message\":\"incompatible\"}"));
        assertThat(failure).isInstanceOf(SchemaRejected.class).hasMessageContaining("incompatible");
        assertThat(failure.isTransient()).isFalse();
    }

    @ParameterizedTest
    @ValueSource(ints = {400, 401, 403, 405, 408, 415, 429, 500, 502, 503})
    void everyOtherFailureIsTheRegistrysAndTransient(int status) {
        WireFormatException failure = failure("s-value", answer(status, "x".repeat(10_000)));
        assertThat(failure).isInstanceOf(RegistryUnavailable.class);
        assertThat(failure.isTransient()).isTrue();
        assertThat(failure.getMessage()).hasSizeLessThan(400);
    }

    @Test
    void basicAuthHeaderIsBuiltOnlyWithAUsername() {
        assertThat(RegistryHttp.basicAuth("user", "pa:ss")).isEqualTo("Basic dXNlcjpwYTpzcw==");
        assertThat(RegistryHttp.basicAuth(null, "secret")).isNull();
    }

    @Test
    void credentialsInTheUrlAreUsedButNeverShown() {
        var client = new ConfluentRegistryClient(
                "http://user:s3cret@127.0.0.1:8081/apis/ccompat/v7/", null, null, Duration.ofSeconds(1));
        assertThat(client.toString())
                .isEqualTo("ConfluentRegistryClient[http://127.0.0.1:8081/apis/ccompat/v7]")
                .doesNotContain("s3cret");
    }

    @Test
    void urlAndTimeoutAreRequired() {
        assertThatThrownBy(() -> new ConfluentRegistryClient(" ", null, null, Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ConfluentRegistryClient("http://h", null, null, Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
