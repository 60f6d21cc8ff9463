package io.tagprocessor.command;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ConnectException;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.DeadlockLoserDataAccessException;
import org.springframework.jdbc.UncategorizedSQLException;

class TransienceTest {

    @Test
    void deadlocksSerializationFailuresAndLostConnectionsAreTransient() {
        assertThat(Transience.isTransient(sql("40P01"))).isTrue();
        assertThat(Transience.isTransient(sql("40001"))).isTrue();
        assertThat(Transience.isTransient(sql("08006"))).isTrue();
        assertThat(Transience.isTransient(sql("57P01"))).isTrue();
        assertThat(Transience.isTransient(new DeadlockLoserDataAccessException("x", null)))
                .isTrue();
        assertThat(Transience.isTransient(new IllegalStateException(new ConnectException("refused"))))
                .isTrue();
    }

    @Test
    void constraintViolationsAndBugsBelongToTheRecord() {
        assertThat(Transience.isTransient(sql("23505"))).isFalse();
        assertThat(Transience.isTransient(new DataIntegrityViolationException("x")))
                .isFalse();
        assertThat(Transience.isTransient(new NullPointerException())).isFalse();
    }

    private static RuntimeException sql(String state) {
        return new UncategorizedSQLException("task", "SELECT 1", new SQLException("boom", state));
    }
}
