package io.herald.support;

import java.io.IOException;
import java.net.ServerSocket;
import java.util.Map;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * A real SMTP + IMAP server (GreenMail) on free loopback ports for the test run; Herald is pointed at it through
 * herald.smtp.host and herald.smtp.port, as it would be at any relay.
 */
public class GreenMailResource implements QuarkusTestResourceLifecycleManager {

    public static final String BOUNCES = "bounces@example.org";
    public static final String BOUNCES_PASSWORD = "bounce-box-password";

    private GreenMail greenMail;

    @Override
    public Map<String, String> start() {
        int smtp = freePort();
        int imap = freePort();
        greenMail = new GreenMail(new ServerSetup[] {
            new ServerSetup(smtp, "127.0.0.1", ServerSetup.PROTOCOL_SMTP),
            new ServerSetup(imap, "127.0.0.1", ServerSetup.PROTOCOL_IMAP)
        });
        greenMail.start();
        // The bounce mailbox is a GreenMail account too, read over real IMAP (BounceMailboxTest).
        greenMail.setUser(BOUNCES, BOUNCES, BOUNCES_PASSWORD);
        return Map.of(
                "herald.smtp.host",
                "127.0.0.1",
                "herald.smtp.port",
                String.valueOf(smtp),
                "herald.bounces.imap-host",
                "127.0.0.1",
                "herald.bounces.imap-port",
                String.valueOf(imap),
                "herald.bounces.ssl",
                "false",
                "herald.bounces.username",
                BOUNCES,
                "herald.bounces.password",
                BOUNCES_PASSWORD);
    }

    @Override
    public void inject(TestInjector injector) {
        injector.injectIntoFields(
                greenMail, new TestInjector.AnnotatedAndMatchesType(InjectGreenMail.class, GreenMail.class));
    }

    @Override
    public void stop() {
        if (greenMail != null) {
            greenMail.stop();
        }
    }

    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
