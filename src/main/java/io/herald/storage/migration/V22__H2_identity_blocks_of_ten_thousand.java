package io.herald.storage.migration;

import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/**
 * On H2, the tables V21 gave blocks of 1,000 ids draw them in blocks of 10,000. At the end of each block H2 stores
 * the sequence's position with a commit of its own, and in a members import (two ids a row: the reader's and its
 * consent event's) those stores were 13% of the writing thread's CPU. Imports of 300,000 rows, three in turns:
 * 16,239-18,598 rows/s against 15,176-17,562 with blocks of 1,000 (BENCHMARKS.md, "Importing subscribers"); a send's
 * rate did not move. A node that stops loses at most the rest of a block: ids skip by up to 10,000 (they are 64-bit),
 * none repeats. PostgreSQL is left as it is (see V21).
 */
public class V22__H2_identity_blocks_of_ten_thousand extends BaseJavaMigration {

    @Override
    public void migrate(Context context) throws Exception {
        V21__H2_identity_blocks.drawIdsInBlocks(context, 10_000);
    }
}
