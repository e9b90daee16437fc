package io.herald.storage.migration;

import java.sql.Statement;
import java.util.Locale;

import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/**
 * On PostgreSQL, an index on {@code membership (subscriber_id)}. The membership table's key is led by the list, so
 * without it every read of one reader's lists (the preferences page reads them two or three times a request, an
 * access request once) and the foreign-key check of an erasure's subscriber row read the whole table: a list of a
 * million members in the measurements of BENCHMARKS.md, "A reader's lists". H2 has such an index already: it makes
 * one for the foreign key to {@code subscriber}, so the migration leaves H2 as it is (a second one would only cost
 * each import's rows).
 */
public class V25__PostgreSQL_memberships_by_reader extends BaseJavaMigration {

    @Override
    public void migrate(Context context) throws Exception {
        onPostgreSQL(context, "CREATE INDEX membership_subscriber_ix ON membership (subscriber_id)");
    }

    /** Runs {@code sql} when the database is PostgreSQL, and nothing on H2 (V26 too). */
    static void onPostgreSQL(Context context, String sql) throws Exception {
        String product =
                context.getConnection().getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT);
        if (!product.contains("postgres")) {
            return;
        }
        try (Statement statement = context.getConnection().createStatement()) {
            statement.execute(sql);
        }
    }
}
