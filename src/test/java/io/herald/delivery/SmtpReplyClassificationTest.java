package io.herald.delivery;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SmtpReplyClassificationTest {

    @Test
    void badMailboxesAreHardBounces() {
        assertThat(SmtpReplies.mailboxGone("550 5.1.1 <x@example.org>: Recipient address rejected: User unknown"))
                .isTrue();
        assertThat(SmtpReplies.mailboxGone("550 5.2.1 Mailbox disabled")).isTrue();
        assertThat(SmtpReplies.mailboxGone("550 No such user here")).isTrue();
    }

    @Test
    void policyAndMessageRefusalsAreNot() {
        assertThat(SmtpReplies.mailboxGone("550 5.7.1 Relaying denied")).isFalse();
        assertThat(SmtpReplies.mailboxGone("552 5.3.4 Message too big")).isFalse();
        assertThat(SmtpReplies.mailboxGone("554 Transaction failed")).isFalse();
    }
}
