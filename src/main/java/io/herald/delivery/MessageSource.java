package io.herald.delivery;

import java.util.Optional;

import jakarta.mail.internet.MimeMessage;

/** What a send delivers, per recipient: the reason to skip them now, or their message. */
public interface MessageSource {

    /** Why this recipient must not get the message any more (unsubscribed since the plan), or empty. */
    Optional<String> skipReason(SendLedger.Claimed recipient) throws Exception;

    /** The recipient's own message. */
    MimeMessage compose(SendLedger.Claimed recipient) throws Exception;
}
