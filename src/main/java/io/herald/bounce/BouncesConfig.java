package io.herald.bounce;

import java.time.Duration;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The bounce mailbox: where the relay and mailbox providers send delivery reports and complaints. */
@ConfigMapping(prefix = "herald.bounces")
public interface BouncesConfig {
    /** IMAP host of the bounce mailbox (the Return-Path address's mailbox); reading is off when unset. */
    Optional<String> imapHost();

    @WithDefault("993")
    int imapPort();

    /** IMAP over TLS (imaps); false only for a mailbox on this host. */
    @WithDefault("true")
    boolean ssl();

    Optional<String> username();

    Optional<String> password();

    @WithDefault("INBOX")
    String folder();

    /** How often the mailbox is read. */
    @WithDefault("1m")
    Duration pollInterval();

    /** Soft bounces (mailbox full, greylisted, ...) within soft-window that suppress an address. */
    @WithDefault("3")
    int softLimit();

    @WithDefault("30d")
    Duration softWindow();
}
