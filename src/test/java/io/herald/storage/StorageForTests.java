package io.herald.storage;

import javax.sql.DataSource;

/** Storage beans built by hand, for tests that run a feature on a database of their own outside Quarkus. */
public final class StorageForTests {

    private StorageForTests() {}

    /** Runs every migration, as a start does. */
    public static void migrate(DataSource dataSource) {
        SchemaMigrations.flyway(dataSource).migrate();
    }

    public static Transactions transactions(DataSource dataSource) {
        return new Transactions(dataSource);
    }

    public static AppSecrets appSecrets(DataSource dataSource) {
        return new AppSecrets(dataSource);
    }
}
