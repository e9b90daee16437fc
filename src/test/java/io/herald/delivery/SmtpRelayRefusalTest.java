package io.herald.delivery;

import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import io.herald.support.SmtpSink;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * A relay that refuses Herald itself, met through smtp-sink: STARTTLS required but not offered, and a login
 * refused. Neither may be retried as if the relay were busy: each is a relay refusal whose message names the
 * setting to fix, which pauses the send at once (that reaction is SmtpFaultMatrixTest's 5xx-greeting case, the same
 * code path). Needs smtp-sink: judges profile.
 */
@Tag("fault")
class SmtpRelayRefusalTest {

    @Test
    void starttlsRequiredButNotOfferedIsARelayRefusalNamingTheSetting() throws Exception {
        try (SmtpSink sink = SmtpSink.start()) {
            SmtpSender sender = sender(sink.port(), true, null);
            DeliveryException e = catchThrowableOfType(DeliveryException.class, sender::open);
            assertThat(e.relayRefusesHerald()).isTrue();
            assertThat(e.getMessage()).contains("herald.smtp.starttls").contains("does not offer STARTTLS");
        }
    }

    @Test
    void aRefusedLoginIsARelayRefusalWithTheRelaysWords() throws Exception {
        try (SmtpSink sink = SmtpSink.start("-f", "AUTH", "-B", "535 5.7.8 Error: authentication failed")) {
            SmtpSender sender = sender(sink.port(), false, "herald");
            DeliveryException e = catchThrowableOfType(DeliveryException.class, sender::open);
            assertThat(e.relayRefusesHerald()).isTrue();
            assertThat(e.getMessage())
                    .contains("refused Herald's login")
                    .contains("herald.smtp.username")
                    .contains("535 5.7.8");
        }
    }

    @Test
    void aBusyGreetingIsNotARefusal() throws Exception {
        try (SmtpSink sink = SmtpSink.start("-Q", "CONNECT")) {
            DeliveryException e = catchThrowableOfType(DeliveryException.class, sender(sink.port(), false, null)::open);
            assertThat(e.relayRefusesHerald()).isFalse();
            assertThat(e.permanent()).isFalse();
            assertThat(e.getMessage()).contains("421");
        }
    }

    /** An SmtpSender with these settings and the documented defaults for the rest. */
    private static SmtpSender sender(int port, boolean starttls, String username) {
        Map<String, Object> values = Map.ofEntries(
                Map.entry("host", "127.0.0.1"),
                Map.entry("port", port),
                Map.entry("username", Optional.ofNullable(username)),
                Map.entry("password", Optional.ofNullable(username == null ? null : "wrong-password")),
                Map.entry("starttls", starttls),
                Map.entry("connectTimeout", Duration.ofSeconds(2)),
                Map.entry("readTimeout", Duration.ofSeconds(2)),
                Map.entry("writeTimeout", Duration.ofSeconds(2)),
                Map.entry("maxAttempts", 5),
                Map.entry("retryBackoff", Duration.ofSeconds(30)),
                Map.entry("poolSize", 1),
                Map.entry("maxPerSecond", 0),
                Map.entry("maxPerHour", 0));
        DeliveryConfig.Smtp smtp = (DeliveryConfig.Smtp) Proxy.newProxyInstance(
                SmtpRelayRefusalTest.class.getClassLoader(),
                new Class<?>[] {DeliveryConfig.Smtp.class},
                (proxy, method, args) -> {
                    if (!values.containsKey(method.getName())) {
                        throw new UnsupportedOperationException(method.getName());
                    }
                    return values.get(method.getName());
                });
        DeliveryConfig config = (DeliveryConfig) Proxy.newProxyInstance(
                SmtpRelayRefusalTest.class.getClassLoader(),
                new Class<?>[] {DeliveryConfig.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("smtp")) {
                        return smtp;
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
        SmtpSender sender = new SmtpSender(config);
        sender.init();
        return sender;
    }
}
