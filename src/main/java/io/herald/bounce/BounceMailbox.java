package io.herald.bounce;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.Properties;

import io.herald.subscriber.SubscriberStore;
import io.herald.subscriber.Suppressions;
import io.herald.subscriber.Suppressions.Reason;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.internet.MimeMessage;

/**
 * Reads the bounce mailbox over IMAP and acts on what it says: a hard bounce or a complaint suppresses the address
 * at once; soft bounces suppress it after herald.bounces.soft-limit of them within soft-window. Every finding is
 * recorded; a message Herald cannot read is kept whole in bounce_unparsed (shown in GET /api/bounces), never dropped.
 * Each message is deleted from the mailbox only after what it said is in the database.
 */
@ApplicationScoped
public class BounceMailbox {

    /** What one pass did. */
    public record Pass(int messages, int hard, int soft, int complaints, int suppressed, int unparsed) {}

    private final BouncesConfig config;
    private final Suppressions suppressions;
    private final BounceRecords records;
    private final SubscriberStore subscribers;
    private final Clock clock;
    private final BounceParser parser = new BounceParser();

    private final io.herald.delivery.MessageIds messageIds;

    BounceMailbox(
            BouncesConfig bouncesConfig,
            Suppressions suppressions,
            BounceRecords records,
            SubscriberStore subscribers,
            Clock clock,
            io.herald.delivery.MessageIds messageIds) {
        this.messageIds = messageIds;
        this.config = bouncesConfig;
        this.suppressions = suppressions;
        this.records = records;
        this.subscribers = subscribers;
        this.clock = clock;
    }

    public boolean configured() {
        return config.imapHost().isPresent() && config.username().isPresent();
    }

    public Pass read() throws MessagingException, SQLException {
        if (!configured()) {
            return new Pass(0, 0, 0, 0, 0, 0);
        }
        Properties props = new Properties();
        String protocol = config.ssl() ? "imaps" : "imap";
        props.put("mail." + protocol + ".connectiontimeout", "10000");
        props.put("mail." + protocol + ".timeout", "30000");
        Store store = Session.getInstance(props).getStore(protocol);
        store.connect(
                config.imapHost().get(),
                config.imapPort(),
                config.username().get(),
                config.password().orElse(""));
        int[] n = new int[6];
        try {
            Folder folder = store.getFolder(config.folder());
            folder.open(Folder.READ_WRITE);
            try {
                for (Message m : folder.getMessages()) {
                    if (m.isSet(Flags.Flag.DELETED)) {
                        continue;
                    }
                    n[0]++;
                    handle((MimeMessage) m, n);
                    m.setFlag(Flags.Flag.DELETED, true);
                }
            } finally {
                folder.close(true);
            }
        } finally {
            store.close();
        }
        Pass pass = new Pass(n[0], n[1], n[2], n[3], n[4], n[5]);
        if (pass.messages() > 0) {
            Log.infof("Bounce mailbox: %s", pass);
        }
        return pass;
    }

    private void handle(MimeMessage message, int[] n) throws MessagingException, SQLException {
        BounceReport report = parser.parse(message);
        Instant now = clock.instant();
        if (!report.parsed()) {
            keep(message, report.unparsedReason(), now);
            n[5]++;
            return;
        }
        // Believed only when it quotes a Message-ID Herald made, and then only about the reader that message went
        // to: the bounce address is public, and a made-up report would otherwise unsubscribe anyone.
        java.util.OptionalLong about = messageIds.subscriber(report.originalMessageId());
        java.util.Optional<String> sentTo = about.isEmpty()
                ? java.util.Optional.empty()
                : subscribers.recipient(about.getAsLong()).map(SubscriberStore.Recipient::email);
        if (sentTo.isEmpty()) {
            keep(
                    message,
                    "not acted on: it does not quote the Message-ID of a message Herald sent ("
                            + (report.originalMessageId() == null ? "it quotes none" : report.originalMessageId())
                            + "), so it may be forged; check it by hand",
                    now);
            n[5]++;
            return;
        }
        for (BounceReport.Finding reported : report.findings()) {
            BounceReport.Finding f = reported.email() == null
                    ? new BounceReport.Finding(sentTo.get(), reported.kind(), reported.status(), reported.detail())
                    : reported;
            if (!f.email().equalsIgnoreCase(sentTo.get())) {
                Log.warnf(
                        "Bounce mailbox: a report about %s quotes a message sent to someone else; ignored", f.email());
                continue;
            }
            records.record(f, messageIds.send(report.originalMessageId()), now);
            switch (f.kind()) {
                case HARD -> {
                    n[1]++;
                    suppressions.add(f.email(), Reason.HARD_BOUNCE, f.status() + " " + f.detail(), now);
                    n[4]++;
                }
                case COMPLAINT -> {
                    n[3]++;
                    suppressions.add(f.email(), Reason.COMPLAINT, f.status(), now);
                    n[4]++;
                }
                case SOFT -> {
                    n[2]++;
                    if (records.softCount(f.email(), now.minus(config.softWindow())) >= config.softLimit()) {
                        suppressions.add(
                                f.email(),
                                Reason.SOFT_BOUNCES,
                                config.softLimit() + " soft bounces within " + config.softWindow() + ", the last "
                                        + f.status(),
                                now);
                        n[4]++;
                    }
                }
            }
        }
    }

    private void keep(MimeMessage message, String reason, Instant now) throws MessagingException, SQLException {
        ByteArrayOutputStream raw = new ByteArrayOutputStream();
        try {
            message.writeTo(raw);
        } catch (java.io.IOException e) {
            throw new MessagingException("cannot read the message", e);
        }
        String subject = message.getSubject();
        String sender = message.getHeader("From", ",");
        records.keep(subject, sender, reason, raw.toString(StandardCharsets.UTF_8), now);
        Log.warnf("Bounce mailbox: kept a message Herald could not read (%s): %s", reason, subject);
    }
}
