package io.herald.delivery;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.List;
import javax.sql.DataSource;

import io.herald.storage.Sql;
import io.herald.support.MigratedPostgres;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An erasure's ledger side on both databases: {@link DeliveryRows#forget} takes the reader's rows out of every send,
 * and only theirs, so that the subscriber row can go in the same transaction (the ledger's foreign key would refuse it
 * while one row stayed).
 */
class ForgetReaderTest {

    static final int MEMBERS = 5;

    @RegisterExtension
    static final MigratedPostgres POSTGRES = new MigratedPostgres();

    @ParameterizedTest
    @ValueSource(strings = {"postgresql", "h2"})
    void aReadersRowsGoFromEverySendAndNoOneElses(String database) throws Exception {
        DataSource ds = PlannedSends.database(database, POSTGRES, "forget-reader");
        PlannedSends forget = PlannedSends.on(ds, "forget", MEMBERS, 2);
        PlannedSends other = PlannedSends.on(ds, "forget-other", MEMBERS, 2);
        long first = forget.plan("Monday");
        long second = forget.plan("Tuesday");
        long elsewhere = other.plan("Monday elsewhere");
        long reader = forget.readerId(3);
        DeliveryRows rows = new DeliveryRows(ds);

        try (Connection c = ds.getConnection()) {
            c.setAutoCommit(false);
            rows.forget(c, reader);
            for (String sql :
                    List.of("DELETE FROM membership WHERE subscriber_id = ?", "DELETE FROM subscriber WHERE id = ?")) {
                try (PreparedStatement ps = c.prepareStatement(sql)) {
                    ps.setLong(1, reader);
                    ps.executeUpdate();
                }
            }
            c.commit();
        }

        assertThat(rowsOf(ds, "subscriber_id = " + reader)).isZero();
        assertThat(List.of(rowsOf(ds, "send_id = " + first), rowsOf(ds, "send_id = " + second)))
                .containsExactly((long) MEMBERS - 1, (long) MEMBERS - 1);
        assertThat(rowsOf(ds, "send_id = " + elsewhere)).isEqualTo(MEMBERS);
    }

    private static long rowsOf(DataSource ds, String where) throws Exception {
        return Sql.first(ds, "SELECT COUNT(*) FROM delivery WHERE " + where, Sql.NONE, rs -> rs.getLong(1))
                .orElseThrow();
    }
}
