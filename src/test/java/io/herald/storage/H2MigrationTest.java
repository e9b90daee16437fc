package io.herald.storage;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The migrations on H2, where the tables filled by the thousand draw their ids in blocks (V21, V22) and a reader's
 * memberships are found by the index H2 made for the foreign key, with no second one beside it (V25), and the consent
 * events keep their one index, the key (V26 is PostgreSQL's).
 */
class H2MigrationTest {

    @Test
    void bulkTablesDrawIdsInBlocksOfTenThousandAndStillCountUp() throws Exception {
        JdbcDataSource ds = new JdbcDataSource();
        ds.setURL("jdbc:h2:mem:h2-migration-test;DB_CLOSE_DELAY=-1");
        assertThat(SchemaMigrations.flyway(ds).migrate().success).isTrue();

        try (Connection c = ds.getConnection()) {
            List<String> cached = new ArrayList<>();
            try (ResultSet rs = c.createStatement()
                    .executeQuery("SELECT LOWER(TABLE_NAME), IDENTITY_CACHE FROM INFORMATION_SCHEMA.COLUMNS "
                            + "WHERE IS_IDENTITY = 'YES' AND TABLE_SCHEMA = 'PUBLIC' ORDER BY 1")) {
                while (rs.next()) {
                    cached.add(rs.getString(1) + "=" + rs.getLong(2));
                }
            }
            assertThat(cached)
                    .contains(
                            "delivery=10000",
                            "subscriber=10000",
                            "consent_event=10000",
                            "reader_click=10000",
                            "bounce_event=10000")
                    // a table that takes a row at a time keeps H2's default block
                    .contains("article=32");

            // Ids drawn from a block still follow the order rows are inserted in, across a block's end.
            try (Statement s = c.createStatement()) {
                s.execute("INSERT INTO subscriber (email, created_at) SELECT 'r' || x || '@example.org', "
                        + "CURRENT_TIMESTAMP FROM SYSTEM_RANGE(1, 25000) ORDER BY x");
            }
            long last = 0;
            int rows = 0;
            try (PreparedStatement ps = c.prepareStatement(
                            "SELECT id FROM subscriber ORDER BY CAST(SUBSTRING(email, 2, POSITION('@' IN email) - 2) AS INT)");
                    ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    assertThat(rs.getLong(1)).isGreaterThan(last);
                    last = rs.getLong(1);
                    rows++;
                }
            }
            assertThat(rows).isEqualTo(25000);
        }
    }

    @Test
    void aReadersMembershipsHaveOneIndexLedByTheReader() throws Exception {
        assertThat(indexes(
                        "h2-migration-index-test",
                        "TABLE_NAME = 'MEMBERSHIP' AND COLUMN_NAME = 'SUBSCRIBER_ID' " + "AND ORDINAL_POSITION = 1"))
                .isEqualTo(1);
    }

    @Test
    void consentEventsKeepOnlyTheirKey() throws Exception {
        assertThat(indexes("h2-migration-consent-test", "TABLE_NAME = 'CONSENT_EVENT'"))
                .isEqualTo(1);
    }

    /** The indexes with a column that matches {@code where}, in a new in-memory database {@code name}, migrated. */
    private static int indexes(String name, String where) throws Exception {
        JdbcDataSource ds = new JdbcDataSource();
        ds.setURL("jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=-1");
        assertThat(SchemaMigrations.flyway(ds).migrate().success).isTrue();
        try (Connection c = ds.getConnection();
                ResultSet rs = c.createStatement()
                        .executeQuery("SELECT COUNT(DISTINCT INDEX_NAME) FROM INFORMATION_SCHEMA.INDEX_COLUMNS WHERE "
                                + where)) {
            assertThat(rs.next()).isTrue();
            return rs.getInt(1);
        }
    }
}
