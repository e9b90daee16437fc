package io.herald.config;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;

/** Every herald.* setting, nested by concern; each default is documented here and in deploy/CONFIGURATION.md. */
@ConfigMapping(prefix = "herald")
public interface HeraldConfig {

    /** Directory for runtime state: the H2 database and anything else Herald writes. Relative paths start with ./ */
    @WithName("data-dir")
    @WithDefault("./data")
    String dataDir();

    /** Base URL of Herald's public pages; every link in an email (unsubscribe, view online) starts with it. */
    @WithName("public-url")
    @WithDefault("http://localhost:8080")
    String publicUrl();

    /** Password of the built-in editor user; when unset a random one is generated once and logged. */
    @WithName("editor-password")
    Optional<String> editorPassword();

    /** Password of the built-in ops user; when unset a random one is generated once and logged. */
    @WithName("ops-password")
    Optional<String> opsPassword();

    /**
     * Failed sign-ins (the sign-in form or HTTP Basic) one client address may make in 15 minutes; past that its
     * sign-ins are refused with 429 until the window has room again, without checking the password (per node).
     * Behind a reverse proxy set quarkus.http.proxy.proxy-address-forwarding so that this counts clients, not the
     * proxy.
     */
    @WithName("failed-sign-ins-per-ip")
    @WithDefault("10")
    int failedSignInsPerIp();

    /** Renders and records everything but never opens an SMTP connection. */
    @WithName("dry-run")
    @WithDefault("false")
    boolean dryRun();

    Smtp smtp();

    Delivery delivery();

    Mail mail();

    Dkim dkim();

    Subscribers subscribers();

    Templates templates();

    Schedule schedule();

    Articles articles();

    Publication publication();

    Links links();

    Sample sample();

    Social social();

    Feeds feeds();

    Signup signup();

    Bounces bounces();

    Digest digest();

    /** Editions of several stories: how big they may get and what their subject shows. */
    interface Digest {
        /**
         * Size the HTML part of an edition should stay under, in bytes after CSS inlining (Gmail clips a message
         * whose HTML passes 102 KB and hides the rest, unsubscribe link included). A list with digest-style auto
         * shortens stories to stay under it; the preview shows every edition's size against it.
         */
        @WithName("html-budget")
        @WithDefault("92160")
        int htmlBudget();

        /**
         * Longest subject line, in characters: the lead's headline is shortened at a word (with "…") so that the
         * whole subject ("... and 24 more stories") fits, about what a desktop mail client shows.
         */
        @WithName("subject-max-length")
        @WithDefault("78")
        int subjectMaxLength();
    }

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

        /** TCP connect timeout; Angus waits forever by default. */
        @WithName("connect-timeout")
        @WithDefault("10s")
        Duration connectTimeout();

        /** Socket read timeout. */
        @WithName("read-timeout")
        @WithDefault("30s")
        Duration readTimeout();

        /** Socket write timeout. */
        @WithName("write-timeout")
        @WithDefault("30s")
        Duration writeTimeout();

        /** Attempts per recipient before a temporary failure becomes final. */
        @WithName("max-attempts")
        @WithDefault("5")
        int maxAttempts();

        /** First retry delay after a 4xx or a lost connection; doubles each attempt. */
        @WithName("retry-backoff")
        @WithDefault("30s")
        Duration retryBackoff();

        /** Connections kept open to the relay, per node; also how many batches a node sends at once. */
        @WithName("pool-size")
        @WithDefault("4")
        int poolSize();

        /** Most messages per second to the relay, per node (sliding window); 0 is no limit. */
        @WithName("max-per-second")
        @WithDefault("0")
        int maxPerSecond();

        /** Most messages per hour to the relay, per node (sliding window); 0 is no limit. */
        @WithName("max-per-hour")
        @WithDefault("0")
        int maxPerHour();
    }

    /** How sends are cut into batches and when a send stops itself. */
    interface Delivery {
        /** Recipients per batch; each batch is one Quartz job that any node may run. */
        @WithName("batch-size")
        @WithDefault("500")
        int batchSize();

        /** Batches of one send handed to Quartz at a time; each finished batch hands out the next. */
        @WithName("batches-in-flight")
        @WithDefault("8")
        int batchesInFlight();

        /** Ledger rows claimed at once by a worker. */
        @WithName("claim-size")
        @WithDefault("100")
        int claimSize();

        /**
         * Outcomes written to the ledger in one round trip. Messages the relay accepted but whose row is not yet
         * written are the ones a crash can send twice: at most pool-size x ledger-flush per node.
         */
        @WithName("ledger-flush")
        @WithDefault("50")
        int ledgerFlush();

        /** A batch in which at least this share of messages failed pauses its send. */
        @WithName("pause-error-rate")
        @WithDefault("0.5")
        double pauseErrorRate();

        /** ... counted only once a batch has tried at least this many messages. */
        @WithName("pause-min-sample")
        @WithDefault("20")
        int pauseMinSample();

        /** Build each edition's MIME bytes once and splice in what differs per subscriber. */
        @WithName("prepared-messages")
        @WithDefault("true")
        boolean preparedMessages();
    }

    /** Message identity and the embedded demo mail server. */
    interface Mail {
        /** Start an in-process GreenMail SMTP+IMAP server on 127.0.0.1 and send through it (demo and local use). */
        @WithName("embedded-sink")
        @WithDefault("true")
        boolean embeddedSink();

        /** IMAP port of the embedded sink, for reading the demo mailboxes. */
        @WithName("embedded-imap-port")
        @WithDefault("3143")
        int embeddedImapPort();

        /** Domain of Message-IDs; defaults to the domain of the list's From address. */
        @WithName("message-id-domain")
        Optional<String> messageIdDomain();
    }

    /** DKIM signing (rsa-sha256, relaxed/relaxed). No key configured: messages go unsigned and Herald warns at start. */
    interface Dkim {
        /** The signing domain (d=), normally the From domain. */
        Optional<String> domain();

        /** The selector (s=): the key is published at &lt;selector&gt;._domainkey.&lt;domain&gt;. */
        Optional<String> selector();

        /** PEM file with the RSA private key (PKCS#8 "BEGIN PRIVATE KEY" or PKCS#1 "BEGIN RSA PRIVATE KEY"). */
        @WithName("private-key-file")
        Optional<String> privateKeyFile();

        /**
         * Compute the RSA signatures with Amazon Corretto Crypto Provider (AWS-LC, native code: 4,700 signatures a
         * second per core on the machine Herald was measured on, the JDK's own RSA 1,400) when its native library
         * loads on this platform; otherwise, or with false, with the JDK. The signatures are the same bytes either
         * way (RSA PKCS#1 v1.5 is deterministic).
         */
        @WithName("native-signing")
        @WithDefault("true")
        boolean nativeSigning();
    }

    /** Where subscriber lists live. */
    interface Subscribers {
        /** Folder with one sub-folder per list (list.yaml + members.csv). */
        @WithDefault("subscribers")
        String dir();

        /** How often the folder is checked for edited list files (size and modification time; cheap). */
        @WithName("check-interval")
        @WithDefault("30s")
        Duration checkInterval();
    }

    /** Editors' templates. */
    interface Templates {
        /** Folder with the editors' Qute templates; files here win over the copies built into the jar. */
        @WithDefault("templates")
        String dir();

        /** How often, at most, Herald looks for edited template files. */
        @WithName("check-interval")
        @WithDefault("1s")
        Duration checkInterval();
    }

    /** The lists' Quartz schedules. */
    interface Schedule {
        /** Register each list's cron with Quartz; tests turn it off and call the job themselves. */
        @WithDefault("true")
        boolean enabled();

        /** A scheduled run sends only articles ingested within this window, so a new list does not mail the archive. */
        @WithName("max-article-age")
        @WithDefault("P2D")
        Duration maxArticleAge();

        /** Rows left in "sending" longer than this (the node died) go back to pending. */
        @WithName("delivery-lease")
        @WithDefault("5m")
        Duration deliveryLease();

        /** How often the send watchdog looks for batches of running sends that have no Quartz job. */
        @WithName("watchdog-interval")
        @WithDefault("1m")
        Duration watchdogInterval();

        /**
         * A background job (social publishing, feed polling, the send watchdog, the bounce mailbox) that has not
         * succeeded for this many of its intervals, plus stalled-grace, is stalled: readiness goes down naming it,
         * /ops shows it, and herald_job_stalled{job} is 1.
         */
        @WithName("stalled-after-runs")
        @WithDefault("3")
        int stalledAfterRuns();

        /** Time added to stalled-after-runs intervals, so that a slow start or one long run is not a stall. */
        @WithName("stalled-grace")
        @WithDefault("1m")
        Duration stalledGrace();
    }

    /** Article ingest. */
    interface Articles {
        /** Largest article body accepted, in bytes. */
        @WithName("max-bytes")
        @WithDefault("1048576")
        int maxBytes();

        /** Channels teased when an article's call-to-action names none. */
        @WithName("default-channels")
        @WithDefault("x,facebook,telegram")
        List<String> defaultChannels();
    }

    /** The publication behind the lists: its name, website signup and social accounts. */
    interface Publication {
        /** Publication name used in footers and teasers. */
        @WithDefault("Herald Demo News")
        String name();

        /**
         * Website signup page linked from the call-to-action ("Sign up on our website", "Subscribe: ..."); Herald's
         * own signup page at the public URL unless the newsroom has one of its own.
         */
        @WithName("signup-url")
        @WithDefault("http://localhost:8080/subscribe")
        String signupUrl();

        /** Profile URL per channel id (x, facebook, instagram, telegram, youtube, tiktok, ...). */
        @WithName("channel-urls")
        Map<String, String> channelUrls();
    }

    /** Links in emails. */
    interface Links {
        /** Add utm_source, utm_medium=email and utm_campaign=edition-&lt;id&gt; to article links (never to unsubscribe links). */
        @WithDefault("true")
        boolean utm();

        /** The utm_source value. */
        @WithName("utm-source")
        @WithDefault("herald")
        String utmSource();
    }

    /** Demo content loaded on an empty database. */
    interface Sample {
        /** Ingest the bundled sample article on start when the database has no article. */
        @WithDefault("true")
        boolean enabled();
    }

    /** Social teasers: what goes into them, when they go, and the credentials of each platform's API. */
    interface Social {
        /**
         * Extra names that become hashtags when an article mentions them, beyond country names: "Name" or
         * "Name=Hashtag" (for example "Organization of Turkic States=TurkicStates").
         */
        @WithName("known-names")
        Optional<List<String>> knownNames();

        /**
         * Abbreviations after which a sentence does not end, added to the built-in list (AP-style months, titles,
         * "No.", "Inc.", "U.S.", "a.m." and more; see io/herald/article/news-abbreviations.txt) and to CLDR's, for
         * example "Min.,Dep." for a newsroom that writes "Dep. Min. Nurlanov".
         */
        Optional<List<String>> abbreviations();

        /** How often the outbox looks for posts that are due (a Quartz job; one node of a cluster runs it). */
        @WithName("poll-interval")
        @WithDefault("15s")
        Duration pollInterval();

        /** Attempts before a post is failed for good (429 and 5xx and network errors are retried). */
        @WithName("max-attempts")
        @WithDefault("6")
        int maxAttempts();

        /** First retry delay; doubled on each attempt, plus up to 25% jitter; a Retry-After header wins. */
        @WithName("retry-backoff")
        @WithDefault("30s")
        Duration retryBackoff();

        /** How long a node may hold a post it is publishing before others treat it as stopped. */
        @WithDefault("2m")
        Duration lease();

        /** Connect and response timeout of every platform request. */
        @WithName("request-timeout")
        @WithDefault("20s")
        Duration requestTimeout();

        /** Time zone of the per-channel time-of-day settings. */
        @WithName("time-zone")
        @WithDefault("UTC")
        String timeZone();

        /** Per channel id: when its posts go relative to the email (herald.social.channels.x.delay=10m). */
        Map<String, ChannelTiming> channels();

        /** Channel ids that go to the webhook instead of a platform API or the manual queue. */
        @WithName("webhook-channels")
        Optional<List<String>> webhookChannels();

        Telegram telegram();

        Mastodon mastodon();

        Bluesky bluesky();

        X x();

        Facebook facebook();

        Linkedin linkedin();

        Webhook webhook();
    }

    interface ChannelTiming {
        /** Wait this long after the email goes out. */
        @WithDefault("0s")
        Duration delay();

        /** Or go at the next such time of day (HH:MM, in herald.social.time-zone) after the delay. */
        @WithName("time-of-day")
        Optional<String> timeOfDay();
    }

    /** Telegram Bot API: a bot that is an admin of the channel. */
    interface Telegram {
        /** Bot API base URL (a test or self-hosted Bot API server may replace it). */
        @WithName("api-url")
        @WithDefault("https://api.telegram.org")
        String apiUrl();

        /** The bot's token from @BotFather; the bot must be an admin of the channel. */
        @WithName("bot-token")
        Optional<String> botToken();

        /** The channel: "@astanatimes" or its numeric id. */
        @WithName("chat-id")
        Optional<String> chatId();
    }

    /** Mastodon: an application access token with write:statuses. */
    interface Mastodon {
        /** The instance, e.g. https://mastodon.social. */
        @WithName("instance-url")
        Optional<String> instanceUrl();

        /** An application access token with the write:statuses scope. */
        @WithName("access-token")
        Optional<String> accessToken();
    }

    /** Bluesky: the account handle and an app password (Settings, App passwords). */
    interface Bluesky {
        /** The account's PDS (https://bsky.social for most accounts). */
        @WithName("service-url")
        @WithDefault("https://bsky.social")
        String serviceUrl();

        /** The account's handle (newsroom.bsky.social) or DID. */
        Optional<String> identifier();

        /** An app password (Settings, Privacy and security, App passwords), never the account password. */
        @WithName("app-password")
        Optional<String> appPassword();
    }

    /** X API v2: an OAuth 2.0 user access token with tweet.write, and the account's user id for lookups. */
    interface X {
        /** X API base URL. */
        @WithName("api-url")
        @WithDefault("https://api.x.com")
        String apiUrl();

        /** An OAuth 2.0 user access token with tweet.write (and tweet.read, users.read for lookups). */
        @WithName("access-token")
        Optional<String> accessToken();

        /** The account's numeric user id: lets Herald check its recent posts after a lost answer instead of asking a person. */
        @WithName("user-id")
        Optional<String> userId();
    }

    /** Facebook Pages (Graph API): the page id and a page access token with pages_manage_posts. */
    interface Facebook {
        /** Graph API base URL with its version. */
        @WithName("graph-url")
        @WithDefault("https://graph.facebook.com/v21.0")
        String graphUrl();

        /** The Facebook Page's id. */
        @WithName("page-id")
        Optional<String> pageId();

        /** A Page access token with pages_manage_posts. */
        @WithName("page-access-token")
        Optional<String> pageAccessToken();
    }

    /** LinkedIn Posts API: a member or organization URN and a token with w_organization_social or w_member_social. */
    interface Linkedin {
        /** LinkedIn REST API base URL. */
        @WithName("api-url")
        @WithDefault("https://api.linkedin.com")
        String apiUrl();

        /** An access token with w_organization_social (organisation pages) or w_member_social. */
        @WithName("access-token")
        Optional<String> accessToken();

        /** urn:li:organization:123 or urn:li:person:abc */
        @WithName("author-urn")
        Optional<String> authorUrn();

        /** The LinkedIn-Version header (YYYYMM); LinkedIn retires versions after a year. */
        @WithDefault("202510")
        String version();
    }

    /** A generic webhook: JSON POST signed with HMAC-SHA256 (header X-Herald-Signature: sha256=hex). */
    interface Webhook {
        /** Where the webhook posts (https). */
        Optional<String> url();

        /** The HMAC-SHA256 key; the receiver checks X-Herald-Signature with it. */
        Optional<String> secret();
    }

    /** Feed polling (RSS/Atom). */
    interface Feeds {
        /** How often each feed is fetched (with If-None-Match / If-Modified-Since). */
        @WithName("poll-interval")
        @WithDefault("5m")
        Duration pollInterval();

        /** A failing feed waits poll-interval x 2^failures, at most this long. */
        @WithName("max-backoff")
        @WithDefault("6h")
        Duration maxBackoff();

        /** How often the feed job looks for feeds whose next poll is due (each feed is fetched every poll-interval). */
        @WithName("check-interval")
        @WithDefault("30s")
        Duration checkInterval();

        /** TCP connect timeout of feed requests. */
        @WithName("connect-timeout")
        @WithDefault("10s")
        Duration connectTimeout();

        /** Whole-response timeout: a server that stalls longer is a failed poll. */
        @WithName("read-timeout")
        @WithDefault("20s")
        Duration readTimeout();

        /** Largest feed body read; a larger one is a failed poll (the rest is not downloaded). */
        @WithName("max-bytes")
        @WithDefault("5242880")
        int maxBytes();

        /** Redirects followed per fetch; each target is checked against the address rules again. */
        @WithName("max-redirects")
        @WithDefault("5")
        int maxRedirects();

        /**
         * Hosts or addresses (IPs or CIDR ranges) a feed may be on although they are loopback, private, link-local or
         * cloud-metadata addresses, which are refused by default (SSRF). Tests allow 127.0.0.1.
         */
        @WithName("allowed-hosts")
        Optional<List<String>> allowedHosts();
    }

    /** Signup on the website with double opt-in, and the preferences page. */
    interface Signup {
        /** Lists open to signup; every list when unset. */
        Optional<List<String>> lists();

        /** How long a confirmation link works. */
        @WithName("token-ttl")
        @WithDefault("48h")
        Duration tokenTtl();

        /** Signup requests one client address may make per hour (per node). */
        @WithName("per-ip-per-hour")
        @WithDefault("20")
        int perIpPerHour();

        /** Confirmation emails one address may be sent per hour (per node). */
        @WithName("per-address-per-hour")
        @WithDefault("3")
        int perAddressPerHour();

        /** How long a preferences link (from an unsubscribe page) works. */
        @WithName("preferences-ttl")
        @WithDefault("30d")
        Duration preferencesTtl();
    }

    /** The bounce mailbox: where the relay and mailbox providers send delivery reports and complaints. */
    interface Bounces {
        /** IMAP host of the bounce mailbox (the Return-Path address's mailbox); reading is off when unset. */
        @WithName("imap-host")
        Optional<String> imapHost();

        @WithName("imap-port")
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
        @WithName("poll-interval")
        @WithDefault("1m")
        Duration pollInterval();

        /** Soft bounces (mailbox full, greylisted, ...) within soft-window that suppress an address. */
        @WithName("soft-limit")
        @WithDefault("3")
        int softLimit();

        @WithName("soft-window")
        @WithDefault("30d")
        Duration softWindow();
    }
}
