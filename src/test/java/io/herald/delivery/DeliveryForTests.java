package io.herald.delivery;

import javax.sql.DataSource;

/** Delivery beans built by hand, for tests of another feature that run outside Quarkus on a database of their own. */
public final class DeliveryForTests {

    private DeliveryForTests() {}

    public static SendHistory sendHistory(DataSource dataSource) {
        return new SendHistory(dataSource);
    }

    public static DeliveryRows deliveryRows(DataSource dataSource) {
        return new DeliveryRows(dataSource);
    }
}
