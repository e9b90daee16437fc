package io.herald.storage;

import javax.sql.DataSource;

/** Storage beans built by hand, for tests that run a feature on a database of their own outside Quarkus. */
public final class StorageForTests {

    private StorageForTests() {}

    public static AppSecrets appSecrets(DataSource dataSource) {
        return new AppSecrets(dataSource);
    }
}
