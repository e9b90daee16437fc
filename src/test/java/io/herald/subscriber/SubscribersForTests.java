package io.herald.subscriber;

import javax.sql.DataSource;

import io.herald.storage.StorageForTests;

/** Subscriber beans built by hand, for tests of another feature that run outside Quarkus on a database of their own. */
public final class SubscribersForTests {

    private SubscribersForTests() {}

    /** Imports and members-file syncs on {@code writers} connections. */
    public static MemberImports memberImports(DataSource dataSource, int writers) {
        return new MemberImports(
                dataSource,
                new MailingLists(dataSource),
                new ErasedAddresses(StorageForTests.appSecrets(dataSource)),
                writers);
    }

    /** What the subscriber tables hold about an address, and its erasure, on a migrated database. */
    public static PersonalData personalData(DataSource dataSource) {
        return new PersonalData(
                dataSource,
                new SubscriberStore(dataSource, StorageForTests.transactions(dataSource)),
                suppressions(dataSource));
    }

    /** The suppression list on a migrated database. */
    public static Suppressions suppressions(DataSource dataSource) {
        return new Suppressions(dataSource, new ErasedAddresses(StorageForTests.appSecrets(dataSource)));
    }
}
