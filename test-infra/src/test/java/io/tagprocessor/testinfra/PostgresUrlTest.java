package io.tagprocessor.testinfra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PostgresUrlTest {

    @Test
    void libpqStyleUrlKeepsCredentialsOutOfTheJdbcUrl() {
        PostgresUrl url = PostgresUrl.parse("postgresql://app:s%40cret@db.local:6543/tags?sslmode=disable");

        assertThat(url.jdbcUrl()).isEqualTo("jdbc:postgresql://db.local:6543/tags?sslmode=disable");
        assertThat(url.username()).isEqualTo("app");
        assertThat(url.password()).isEqualTo("s@cret");
    }

    @Test
    void jdbcUrlCredentialParametersAreLiftedOut() {
        PostgresUrl url = PostgresUrl.parse("jdbc:postgresql://127.0.0.1/tags?user=app&password=pw&ssl=false");

        assertThat(url.jdbcUrl()).isEqualTo("jdbc:postgresql://127.0.0.1:5432/tags?ssl=false");
        assertThat(url.username()).isEqualTo("app");
        assertThat(url.password()).isEqualTo("pw");
    }

    @Test
    void missingCredentialsTakeTheDefaults() {
        PostgresUrl url = PostgresUrl.parse("postgresql://postgres@127.0.0.1:5432/tagprocessor")
                .withDefaultCredentials("other", "");

        assertThat(url.username()).isEqualTo("postgres");
        assertThat(url.password()).isEmpty();
    }

    @Test
    void passwordNeverAppearsInTextOrErrors() {
        PostgresUrl url = PostgresUrl.parse("postgresql://app:topsecret@db:5432/tags");

        assertThat(url.toString()).doesNotContain("topsecret");
        assertThatThrownBy(() -> PostgresUrl.parse("mysql://app:topsecret@db/tags"))
                .isInstanceOf(IllegalArgumentException.class)
                .message()
                .doesNotContain("topsecret");
    }

    @Test
    void urlWithoutDatabaseIsRefused() {
        assertThatThrownBy(() -> PostgresUrl.parse("postgresql://db:5432"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no database");
    }
}
