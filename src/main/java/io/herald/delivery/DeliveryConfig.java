package io.herald.delivery;

import java.time.Duration;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Sending: the SMTP relay, how sends are cut and paced, message identity, DKIM and the delivery lease. */
@ConfigMapping(prefix = "herald")
public interface DeliveryConfig {
    Smtp smtp();

    Delivery delivery();

    Mail mail();

    Dkim dkim();

    Schedule schedule();

    /** The SMTP relay Herald delivers through. */
    interface Smtp {
        /** Relay host name. */
        @WithDefault("127.0.0.1")
        String host();

        /** Relay port. */
        @WithDefault("2525")
        int port();

        /** User name for SMTP AUTH; no AUTH when unset. */
        Optional<String> username();

        /** Password for SMTP AUTH, from the environment only (HERALD_SMTP_PASSWORD). */
        Optional<String> password();

        /** Require STARTTLS: the connection fails rather than sending in clear text. */
        @WithDefault("false")
        boolean starttls();

        /**
         * TCP connect timeout (Angus waits forever by default): a connect the relay has not answered after this long
         * fails, within a quarter second more.
         */
        @WithDefault("10s")
        Duration connectTimeout();

        /**
         * Socket read timeout: a relay that has not answered after this long loses the connection, within a quarter
         * second more.
         */
        @WithDefault("30s")
        Duration readTimeout();

        /**
         * Socket write timeout: a write to the relay that has not returned after this long (a relay that stopped
         * reading) loses its connection, within a quarter second more.
         */
        @WithDefault("30s")
        Duration writeTimeout();

        /** Attempts per recipient before a temporary failure becomes final. */
        @WithDefault("5")
        int maxAttempts();

        /** First retry delay after a 4xx or a lost connection; doubles each attempt. */
        @WithDefault("30s")
        Duration retryBackoff();

        /** Connections kept open to the relay, per node; also how many batches a node sends at once. */
        @WithDefault("4")
        int poolSize();

        /** Most messages per second to the relay, per node (sliding window); 0 is no limit. */
        @WithDefault("0")
        int maxPerSecond();

        /** Most messages per hour to the relay, per node (sliding window); 0 is no limit. */
        @WithDefault("0")
        int maxPerHour();
    }

    /** How sends are cut into batches and when a send stops itself. */
    interface Delivery {
        /** Recipients per batch; each batch is one Quartz job that any node may run. */
        @WithDefault("500")
        int batchSize();

        /** Batches of one send handed to Quartz at a time; each finished batch hands out the next. */
        @WithDefault("8")
        int batchesInFlight();

        /** Ledger rows a worker claims at once from the batch it leases. */
        @WithDefault("100")
        int claimSize();

        /**
         * Outcomes written to the ledger in one round trip. Messages the relay accepted but whose row is not yet
         * written are in the node's ledger journal, which the node replays when it starts again; a node that never
         * comes back, or a machine that loses power, can send at most pool-size x ledger-flush of them twice.
         */
        @WithDefault("50")
        int ledgerFlush();

        /**
         * How long a worker whose outcome write failed because the database could not be reached keeps trying it
         * (a quarter second after each failed try, sending nothing meanwhile) before it gives up and leaves those rows to its lease:
         * outcomes written once the database is back are not sent again. Also how long a batch run the database
         * failed tries (every second) to queue its next run while Quartz's tables are away; the send watchdog queues
         * it after that. 0 gives up at once.
         */
        @WithDefault("10m")
        Duration ledgerRetry();

        /** A batch in which at least this share of messages failed pauses its send. */
        @WithDefault("0.5")
        double pauseErrorRate();

        /** ... counted only once a batch has tried at least this many messages. */
        @WithDefault("20")
        int pauseMinSample();

        /** Build each edition's MIME bytes once and splice in what differs per subscriber. */
        @WithDefault("true")
        boolean preparedMessages();

        /**
         * On a list that delivers at a local hour (list.yaml {@code deliver-at: "08:00 local"}): a reader whose hour
         * passed less than this long before the send started gets the edition now, not a day late.
         */
        @WithDefault("1h")
        Duration localHourGrace();

        /**
         * This node's name in its batch leases and in Quartz's cluster (at most 200 characters); by default the host
         * name and HTTP port. A node that starts again under the same name sends at once the batches its earlier run
         * had leased and not finished, instead of waiting for herald.schedule.delivery-lease, and Quartz runs at once
         * the jobs that run was running. No two running processes may share it.
         */
        Optional<String> nodeId();
    }

    /** Message identity and the embedded demo mail server. */
    interface Mail {
        /** Start an in-process GreenMail SMTP+IMAP server on 127.0.0.1 and send through it (demo and local use). */
        @WithDefault("true")
        boolean embeddedSink();

        /** IMAP port of the embedded sink, for reading the demo mailboxes. */
        @WithDefault("3143")
        int embeddedImapPort();

        /** Domain of Message-IDs; defaults to the domain of the list's From address. */
        Optional<String> messageIdDomain();
    }

    /** DKIM signing (rsa-sha256, relaxed/relaxed). No key configured: messages go unsigned and Herald warns at start. */
    interface Dkim {
        /** The signing domain (d=), normally the From domain. */
        Optional<String> domain();

        /** The selector (s=): the key is published at &lt;selector&gt;._domainkey.&lt;domain&gt;. */
        Optional<String> selector();

        /** PEM file with the RSA private key (PKCS#8 "BEGIN PRIVATE KEY" or PKCS#1 "BEGIN RSA PRIVATE KEY"). */
        Optional<String> privateKeyFile();

        /**
         * Compute the RSA signatures with Amazon Corretto Crypto Provider (AWS-LC, native code: 4,700 signatures a
         * second per core on the machine Herald was measured on, the JDK's own RSA 1,400) when its native library
         * loads on this platform; otherwise, or with false, with the JDK. The signatures are the same bytes either
         * way (RSA PKCS#1 v1.5 is deterministic).
         */
        @WithDefault("true")
        boolean nativeSigning();
    }

    /** The parts of herald.schedule that pick an edition's articles and lease its rows. */
    interface Schedule {
        /** A scheduled run sends only articles ingested within this window, so a new list does not mail the archive. */
        @WithDefault("P2D")
        Duration maxArticleAge();

        /** How long a batch stays leased by a worker that stops renewing it (its node died); then another takes it. */
        @WithDefault("5m")
        Duration deliveryLease();
    }
}
