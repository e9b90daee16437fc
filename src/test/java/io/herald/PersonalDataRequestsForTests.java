package io.herald;

import javax.sql.DataSource;

import io.herald.delivery.LedgerParts;
import io.herald.insight.InsightForTests;
import io.herald.storage.StorageForTests;
import io.herald.subscriber.SubscribersForTests;

/** The GDPR requests built by hand on a migrated database, for tests that run outside Quarkus. */
public final class PersonalDataRequestsForTests {

    private PersonalDataRequestsForTests() {}

    public static PersonalDataRequests on(DataSource dataSource) {
        return on(dataSource, LedgerParts.sendReports(dataSource));
    }

    /** The same, telling {@code reports} of each erasure. */
    public static PersonalDataRequests on(DataSource dataSource, io.herald.delivery.SendReports reports) {
        return new PersonalDataRequests(
                SubscribersForTests.personalData(dataSource),
                LedgerParts.sendHistory(dataSource),
                LedgerParts.deliveryRows(dataSource),
                StorageForTests.transactions(dataSource),
                InsightForTests.readerClicks(dataSource),
                reports);
    }
}
