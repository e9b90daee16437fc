package io.herald.storage.migration;

import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Locale;

import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/**
 * On H2, the tables that take rows by the thousand (a send's ledger, a list's import, clicks, bounces) draw their ids
 * in blocks of 1,000 instead of H2's 32. H2 writes a sequence's position with a commit of its own at the end of each
 * block, and while one large transaction is open (a send's plan inserts a row per reader) each such commit walks
 * every version that transaction keeps: planning 300,000 readers took 28-45 s, and a million more than ten minutes.
 * With blocks of 1,000 the same 300,000 take 9-12 s (H2MigrationTest checks the blocks; BENCHMARKS.md the times). A node that stops loses at most the rest of a block: ids skip,
 * none repeats. PostgreSQL is left as it is: its sequence caches are per connection, and its sequences are not
 * written with a commit.
 */
public class V21__H2_identity_blocks extends BaseJavaMigration {

    static final List<String> TABLES =
            List.of("delivery", "subscriber", "consent_event", "reader_click", "bounce_event");

    @Override
    public void migrate(Context context) throws Exception {
        drawIdsInBlocks(context, 1000);
    }

    /** On H2, the bulk tables' ids in blocks of {@code size}; nothing on PostgreSQL. */
    static void drawIdsInBlocks(Context context, int size) throws SQLException {
        String product =
                context.getConnection().getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT);
        if (product.contains("postgres")) {
            return;
        }
        try (Statement statement = context.getConnection().createStatement()) {
            for (String table : TABLES) {
                statement.execute("ALTER TABLE " + table + " ALTER COLUMN id SET CACHE " + size);
            }
        }
    }
}
