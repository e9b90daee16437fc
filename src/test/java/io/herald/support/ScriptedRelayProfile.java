package io.herald.support;

import java.io.IOException;
import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;

/** Herald sending to a {@link ScriptedSmtpServer}, with quick retries so that tests need not wait for backoffs. */
public class ScriptedRelayProfile implements QuarkusTestProfile {

    /** The one scripted relay of this profile; tests set its rules. */
    public static final ScriptedSmtpServer RELAY;

    static {
        try {
            RELAY = new ScriptedSmtpServer();
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
                "herald.smtp.retry-backoff",
                "200ms",
                "herald.smtp.max-attempts",
                "3",
                "herald.delivery.pause-min-sample",
                "20",
                "herald.delivery.batch-size",
                "10");
    }
}
