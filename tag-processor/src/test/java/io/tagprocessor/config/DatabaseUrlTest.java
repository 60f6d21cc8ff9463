package io.tagprocessor.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DatabaseUrlTest {

    @Test
    void jdbcFormKeepsParametersAndMovesCredentialsOut() {
        DatabaseUrl url = DatabaseUrl.parse(
                "jdbc:postgresql://db.example:6543/tags?sslmode=require&user=app&password=s3cret&ApplicationName=tp");

        assertThat(url.jdbcUrl())
                .isEqualTo("jdbc:postgresql://db.example:6543/tags?sslmode=require&ApplicationName=tp");
        assertThat(url.username()).isEqualTo("app");
        assertThat(url.password()).isEqualTo("s3cret");
    }

    @Test
    void jdbcFormWithoutCredentialsHasNone() {
        DatabaseUrl url = DatabaseUrl.parse("jdbc:postgresql://localhost/tags");

        assertThat(url.jdbcUrl()).isEqualTo("jdbc:postgresql://localhost:5432/tags");
        assertThat(url.username()).isNull();
        assertThat(url.password()).isNull();
    }

    @Test
    void libpqFormBecomesJdbcUrlWithCredentialsApart() {
        DatabaseUrl url = DatabaseUrl.parse("postgresql://app:s3cret@db.example:6543/tags?sslmode=verify-full");

        assertThat(url.jdbcUrl()).isEqualTo("jdbc:postgresql://db.example:6543/tags?sslmode=verify-full");
        assertThat(url.username()).isEqualTo("app");
        assertThat(url.password()).isEqualTo("s3cret");
    }

    @Test
    void postgresSchemeIsTheSameAsPostgresql() {
        assertThat(DatabaseUrl.parse("postgres://app@db/tags"))
                .isEqualTo(DatabaseUrl.parse("postgresql://app@db/tags"));
    }

    @Test
    void portDefaultsTo5432() {
        assertThat(DatabaseUrl.parse("postgresql://app@db/tags").jdbcUrl()).isEqualTo("jdbc:postgresql://db:5432/tags");
    }

    @Test
    void userAndPasswordArePercentDecoded() {
        DatabaseUrl url = DatabaseUrl.parse("postgresql://ap%70%40corp:p%40ss%3Aw%2Frd%23%C3%A9+x@db/tags");

        assertThat(url.username()).isEqualTo("app@corp");
        assertThat(url.password()).isEqualTo("p@ss:w/rd#é+x");
    }

    @Test
    void unencodedAtSignInPasswordStillSplitsAtTheLastAt() {
        assertThat(DatabaseUrl.parse("postgresql://app:p@ss@db/tags").password())
                .isEqualTo("p@ss");
    }

    @Test
    void jdbcPasswordParameterIsDecodedLikePgjdbcDoes() {
        assertThat(DatabaseUrl.parse("jdbc:postgresql://db/tags?password=a+b%26c")
                        .password())
                .isEqualTo("a b&c");
    }

    @Test
    void ipv6HostsStayBracketed() {
        assertThat(DatabaseUrl.parse("postgresql://app@[::1]:6543/tags").jdbcUrl())
                .isEqualTo("jdbc:postgresql://[::1]:6543/tags");
        assertThat(DatabaseUrl.parse("jdbc:postgresql://[2001:db8::7]/tags").jdbcUrl())
                .isEqualTo("jdbc:postgresql://[2001:db8::7]:5432/tags");
    }

    @Test
    void severalHostsEachGetAPort() {
        assertThat(DatabaseUrl.parse("postgresql://app@db1,db2:6543/tags?targetServerType=primary")
                        .jdbcUrl())
                .isEqualTo("jdbc:postgresql://db1:5432,db2:6543/tags?targetServerType=primary");
    }

    @Test
    void explicitSettingsOverrideTheUrlCredentials() {
        DatabaseUrl url = DatabaseUrl.from(settings("postgresql://app:inurl@db/tags", "operator", "fromenv"));

        assertThat(url.username()).isEqualTo("operator");
        assertThat(url.password()).isEqualTo("fromenv");
    }

    @Test
    void blankSettingsLeaveTheUrlCredentials() {
        DatabaseUrl url = DatabaseUrl.from(settings("postgresql://app:inurl@db/tags", "", ""));

        assertThat(url.username()).isEqualTo("app");
        assertThat(url.password()).isEqualTo("inurl");
    }

    @Test
    void toStringNeverShowsThePassword() {
        DatabaseUrl url = DatabaseUrl.parse("postgresql://app:s3cret@db/tags?sslpassword=k3ypass");

        assertThat(url.toString())
                .doesNotContain("s3cret")
                .doesNotContain("k3ypass")
                .contains("username=app", "password=****", "sslpassword=****");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                "mysql://app:s3cret@db/tags",
                "jdbc:postgresql:tags",
                "db.example:5432/tags",
                "postgresql://app:s3cret@db",
                "postgresql://app:s3cret@db/",
                "postgresql://app:s3cret@db:99999/tags",
                "postgresql://app:s3cret@db:port/tags",
                "postgresql://app:s3cret@::1/tags",
                "postgresql://app:s3cret@[::1/tags",
                "postgresql://app:s3cret@/tags",
                "postgresql://app:s3cret%zz@db/tags",
                "jdbc:postgresql://db/tags?password=s3cret%2"
            })
    void rejectsAnythingElseNamingTheAcceptedFormsWithoutEchoingThePassword(String input) {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> DatabaseUrl.parse(input))
                .withMessageContaining("DATABASE_URL")
                .withMessageContaining("jdbc:postgresql://host[:port]/database")
                .withMessageContaining("postgresql://[user[:password]@]host[:port]/database")
                .withMessageNotContaining("s3cret");
    }

    private static DatabaseSettings settings(String url, String username, String password) {
        return new DatabaseSettings(
                url,
                username,
                password,
                10,
                MigrateMode.TRUE,
                Duration.ofMinutes(2),
                Duration.ofMillis(250),
                Duration.ofSeconds(5));
    }
}
