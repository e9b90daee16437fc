package io.herald;

import javax.sql.DataSource;

import io.herald.delivery.DeliveryRows;
import io.herald.delivery.SendHistory;
import io.herald.insight.InsightForTests;
import io.herald.storage.StorageForTests;
import io.herald.subscriber.SubscribersForTests;

/**
 * The GDPR requests built by hand on a migrated database, for tests outside Quarkus; the delivery side's beans come
 * from the caller (a test of that package can make them).
 */
public final class PersonalDataRequestsForTests {

    private PersonalDataRequestsForTests() {}

    public static PersonalDataRequests on(DataSource dataSource, SendHistory history, DeliveryRows rows) {
        return new PersonalDataRequests(
                SubscribersForTests.personalData(dataSource),
                history,
                rows,
                StorageForTests.transactions(dataSource),
                InsightForTests.readerClicks(dataSource));
    }
}
