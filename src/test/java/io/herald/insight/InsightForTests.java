package io.herald.insight;

import javax.sql.DataSource;

/** Insight beans built by hand, for tests of another feature that run outside Quarkus on a database of their own. */
public final class InsightForTests {

    private InsightForTests() {}

    public static ReaderClicks readerClicks(DataSource dataSource) {
        return new ReaderClicks(dataSource);
    }
}
