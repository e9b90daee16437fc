package io.herald.storage;

import java.net.ServerSocket;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Which failures a worker writing outcomes tries again (the database out of reach) and which it reports at once (the
 * statement refused), told apart on the errors the real drivers raise.
 */
class JdbcTest {

    @Test
    void aDatabaseThatCannotBeReachedIsUnreachable() throws Exception {
        int closed;
        try (ServerSocket probe = new ServerSocket(0)) {
            closed = probe.getLocalPort();
        }
        SQLException refused = catchThrowableOfType(
                SQLException.class,
                () -> DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + closed + "/herald", "herald", ""));

        assertThat(refused.getSQLState()).startsWith("08");
        assertThat(Jdbc.unreachable(refused)).isTrue();
        // A pool's own timeout carries no SQLState; what it wraps decides.
        assertThat(Jdbc.unreachable(new SQLException("Acquisition timeout while waiting for new connection")))
                .isTrue();
        assertThat(Jdbc.unreachable(new SQLException("pool", refused))).isTrue();
    }

    @Test
    void aStatementTheDatabaseRefusesIsNotTriedAgain() throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:h2:mem:jdbc-test", "sa", "");
                Statement s = c.createStatement()) {
            s.execute("CREATE TABLE t (id BIGINT PRIMARY KEY, name VARCHAR(3))");
            s.execute("INSERT INTO t VALUES (1, 'a')");

            SQLException duplicate =
                    catchThrowableOfType(SQLException.class, () -> s.execute("INSERT INTO t VALUES (1, 'b')"));
            SQLException tooLong =
                    catchThrowableOfType(SQLException.class, () -> s.execute("INSERT INTO t VALUES (2, 'long')"));
            SQLException syntax = catchThrowableOfType(SQLException.class, () -> s.execute("UPDATE nowhere SET x=1"));

            assertThat(duplicate.getSQLState()).startsWith("23");
            assertThat(Jdbc.unreachable(duplicate)).isFalse();
            assertThat(tooLong.getSQLState()).startsWith("22");
            assertThat(Jdbc.unreachable(tooLong)).isFalse();
            assertThat(syntax.getSQLState()).startsWith("42");
            assertThat(Jdbc.unreachable(syntax)).isFalse();
            assertThat(Jdbc.unreachable(new SQLException("wrapped", duplicate))).isFalse();
        }
    }
}
