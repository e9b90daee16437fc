package io.herald.subscriber;

import javax.sql.DataSource;

import io.herald.storage.StorageForTests;
import org.h2.jdbcx.JdbcDataSource;

/** {@link MemberSyncScenario} on the embedded database, migrated as at start. */
class MemberSyncH2Test extends MemberSyncScenario {

    @Override
    DataSource database() {
        JdbcDataSource ds = new JdbcDataSource();
        ds.setURL("jdbc:h2:mem:member-sync-" + System.nanoTime() + ";DB_CLOSE_DELAY=-1");
        StorageForTests.migrate(ds);
        return ds;
    }

    @Override
    void assertAnalyzedAtLeast(long rows) {
        // H2's planner counts the rows as they are written; there is nothing to analyze.
    }
}
