package io.herald.storage.migration;

import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/**
 * On PostgreSQL, an index on {@code consent_event (source)} that holds only the unsubscribes. A send's figures count
 * the unsubscribes through its links ({@code event = 'unsubscribed' AND source = ?}), and the table has a row for
 * every reader a list ever listed: without it, each count read the whole table (the send's figures, the console, an
 * article's preview page with up to three sends). Partial, so that an import's consent rows (listed) pay only the
 * check of the condition, not an index entry. H2 has no partial indexes and a whole one would cost each import's
 * rows, so the migration leaves H2 as it is.
 */
public class V26__PostgreSQL_unsubscribes_by_source extends BaseJavaMigration {

    @Override
    public void migrate(Context context) throws Exception {
        V25__PostgreSQL_memberships_by_reader.onPostgreSQL(
                context, "CREATE INDEX consent_unsubscribed_ix ON consent_event (source) WHERE event = 'unsubscribed'");
    }
}
