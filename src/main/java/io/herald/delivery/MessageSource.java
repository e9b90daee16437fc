package io.herald.delivery;

import jakarta.mail.internet.MimeMessage;

/** What a send delivers: each recipient's own message. */
public interface MessageSource {

    MimeMessage compose(DeliveryRows.Claimed recipient) throws Exception;
}
