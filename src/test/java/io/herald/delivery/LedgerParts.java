package io.herald.delivery;

import javax.sql.DataSource;

import io.herald.subscriber.SubscribersForTests;

/** The ledger's classes on a given database, for tests outside this package (their constructors are CDI's). */
public final class LedgerParts {

    private LedgerParts() {}

    public static SendLedger sendLedger(DataSource dataSource) {
        return new SendLedger(dataSource);
    }

    public static DeliveryRows deliveryRows(DataSource dataSource) {
        return new DeliveryRows(dataSource);
    }

    public static SendReports sendReports(DataSource dataSource) {
        return new SendReports(dataSource, new DeliveryRows(dataSource), SubscribersForTests.suppressions(dataSource));
    }

    public static SendHistory sendHistory(DataSource dataSource) {
        return new SendHistory(dataSource);
    }
}
