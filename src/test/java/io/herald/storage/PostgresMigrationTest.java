package io.herald.storage;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.flywaydb.core.api.output.MigrateResult;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The same Flyway migrations, Quartz's tables included, run on a real PostgreSQL. */
class PostgresMigrationTest {

    static EmbeddedPostgres postgres;

    @BeforeAll
    static void start() throws Exception {
        postgres = EmbeddedPostgres.builder().start();
    }

    @AfterAll
    static void stop() throws Exception {
        if (postgres != null) {
            postgres.close();
        }
    }

    @Test
    void migrationsRunOnPostgres() throws Exception {
        DataSource ds = postgres.getPostgresDatabase();
        MigrateResult result = SchemaMigrations.flyway(ds).migrate();
        assertThat(result.success).isTrue();
        // In version order (Flyway lists them in another order, which moves as migrations are added).
        assertThat(result.getSuccessfulMigrations().stream()
                        .sorted(java.util.Comparator.comparing(m -> new java.math.BigInteger(m.version)))
                        .map(m -> m.description)
                        .toList())
                .startsWith("schema", "Quartz tables", "delivery at scale")
                .contains("job runs", "digest style");

        List<String> tables = new ArrayList<>();
        try (Connection c = ds.getConnection();
                ResultSet rs = c.getMetaData().getTables(null, "public", "%", new String[] {"TABLE"})) {
            while (rs.next()) {
                tables.add(rs.getString("TABLE_NAME").toLowerCase());
            }
        }
        assertThat(tables)
                .contains(
                        "article",
                        "teaser",
                        "mailing_list",
                        "subscriber",
                        "membership",
                        "edition",
                        "send",
                        "delivery",
                        "app_user",
                        "qrtz_job_details",
                        "qrtz_triggers",
                        "qrtz_locks",
                        "qrtz_fired_triggers",
                        "send_batch",
                        "suppression",
                        "job_run");

        // V21 and V22 change H2 only: PostgreSQL's sequence caches are per connection and stay at one.
        try (Connection c = ds.getConnection();
                ResultSet rs = c.createStatement()
                        .executeQuery("SELECT cache_size FROM pg_sequences WHERE sequencename = 'delivery_id_seq'")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getLong(1)).isEqualTo(1);
        }

        assertThat(SchemaMigrations.flyway(ds).migrate().migrationsExecuted).isZero();

        // A start reads the history itself and leaves Flyway out; an edited script's checksum sends it to Flyway.
        try (Connection c = ds.getConnection()) {
            assertThat(SchemaMigrations.current(c)).isTrue();
            c.createStatement()
                    .executeUpdate("UPDATE flyway_schema_history SET checksum = checksum + 1 WHERE version = '3'");
            assertThat(SchemaMigrations.current(c)).isFalse();
            c.createStatement()
                    .executeUpdate("UPDATE flyway_schema_history SET checksum = checksum - 1 WHERE version = '3'");
            assertThat(SchemaMigrations.current(c)).isTrue();
        }
    }

    /** V25: the preferences page's and an access request's read of a reader's lists is a lookup, not the table. */
    @Test
    void aReadersMembershipsAreFoundThroughAnIndexLedByTheReader() throws Exception {
        assertThat(planOnALargeTable("SELECT list_id, state FROM membership WHERE subscriber_id = 42"))
                .contains("membership_subscriber_ix");
    }

    /**
     * V26: a send's unsubscribes are counted through an index that holds the unsubscribes only, and the rows an import
     * writes (listed) are not in it.
     */
    @Test
    void aSendsUnsubscribesAreCountedThroughAnIndexOfUnsubscribesOnly() throws Exception {
        assertThat(planOnALargeTable(
                        "SELECT COUNT(*) FROM consent_event WHERE event = 'unsubscribed' AND source = 'send:42'"))
                .contains("consent_unsubscribed_ix");
        try (Connection c = postgres.getPostgresDatabase().getConnection();
                ResultSet rs = c.createStatement()
                        .executeQuery("SELECT indexdef FROM pg_indexes WHERE indexname = 'consent_unsubscribed_ix'")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).contains("WHERE ((event)::text = 'unsubscribed'::text)");
        }
    }

    /**
     * PostgreSQL's plan of {@code query} on the migrated schema, its lines joined, planned as on a large table: an
     * index the query can use beats reading the table.
     */
    private static String planOnALargeTable(String query) throws Exception {
        DataSource ds = postgres.getPostgresDatabase();
        SchemaMigrations.flyway(ds).migrate();
        List<String> plan = new ArrayList<>();
        try (Connection c = ds.getConnection();
                Statement s = c.createStatement()) {
            s.execute("SET enable_seqscan = off");
            try (ResultSet rs = s.executeQuery("EXPLAIN " + query)) {
                while (rs.next()) {
                    plan.add(rs.getString(1));
                }
            }
        }
        return String.join("\n", plan);
    }
}
