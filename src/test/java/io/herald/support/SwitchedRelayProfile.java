package io.herald.support;

import java.io.IOException;
import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;

/**
 * Herald sending through a {@link RelaySwitch}: each test case puts a different SMTP server behind it. Short
 * timeouts and backoffs so that faults show quickly; the pause threshold above the small lists' sizes except where
 * a case wants the pause.
 */
public class SwitchedRelayProfile implements QuarkusTestProfile {

    public static final RelaySwitch RELAY;

    static {
        try {
            RELAY = new RelaySwitch();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of(
                "herald.smtp.host",
                "127.0.0.1",
                "herald.smtp.port",
                String.valueOf(RELAY.port()),
                "herald.smtp.read-timeout",
                "2s",
                "herald.smtp.connect-timeout",
                "2s",
                "herald.smtp.retry-backoff",
                "1s",
                "herald.smtp.max-attempts",
                "6",
                "herald.delivery.pause-min-sample",
                "20",
                "herald.delivery.batch-size",
                "10");
    }
}
