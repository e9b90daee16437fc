package io.herald.subscriber;

import javax.sql.DataSource;

import io.herald.support.MigratedPostgres;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;

/** {@link MemberSyncScenario} on the production database, whose planner learns the tables' size as they fill. */
class MemberSyncPostgresTest extends MemberSyncScenario {

    @RegisterExtension
    static final MigratedPostgres POSTGRES = new MigratedPostgres();

    @Override
    DataSource database() {
        return POSTGRES.dataSource();
    }

    @Override
    void assertAnalyzedAtLeast(long rows) throws Exception {
        assertThat(one("SELECT reltuples::bigint FROM pg_class WHERE relname = 'membership'"))
                .isGreaterThanOrEqualTo(rows);
    }
}
