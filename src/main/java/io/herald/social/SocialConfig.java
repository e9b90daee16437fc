package io.herald.social;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Social teasers: what goes into them, when they go, and the credentials of each platform's API. */
@ConfigMapping(prefix = "herald.social")
public interface SocialConfig {
    /**
     * Extra names that become hashtags when an article mentions them, beyond country names: "Name" or
     * "Name=Hashtag" (for example "Organization of Turkic States=TurkicStates").
     */
    Optional<List<String>> knownNames();

    /** How often the outbox looks for posts that are due (a Quartz job; one node of a cluster runs it). */
    @WithDefault("15s")
    Duration pollInterval();

    /** Attempts before a post is failed for good (429 and 5xx and network errors are retried). */
    @WithDefault("6")
    int maxAttempts();

    /** First retry delay; doubled on each attempt, plus up to 25% jitter; a Retry-After header wins. */
    @WithDefault("30s")
    Duration retryBackoff();

    /** How long a node may hold a post it is publishing before others treat it as stopped. */
    @WithDefault("2m")
    Duration lease();

    /** Connect and response timeout of every platform request. */
    @WithDefault("20s")
    Duration requestTimeout();

    /** Time zone of the per-channel time-of-day settings. */
    @WithDefault("UTC")
    String timeZone();

    /** Per channel id: when its posts go relative to the email (herald.social.channels.x.delay=10m). */
    Map<String, ChannelTiming> channels();

    /** Channel ids that go to the webhook instead of a platform API or the manual queue. */
    Optional<List<String>> webhookChannels();

    Telegram telegram();

    Mastodon mastodon();

    Bluesky bluesky();

    X x();

    Facebook facebook();

    Linkedin linkedin();

    Webhook webhook();

    Instagram instagram();

    Threads threads();

    Tiktok tiktok();

    interface ChannelTiming {
        /** Wait this long after the email goes out. */
        @WithDefault("0s")
        Duration delay();

        /** Or go at the next such time of day (HH:MM, in herald.social.time-zone) after the delay. */
        Optional<String> timeOfDay();
    }

    /** Telegram Bot API: a bot that is an admin of the channel. */
    interface Telegram {
        /** Bot API base URL (a test or self-hosted Bot API server may replace it). */
        @WithDefault("https://api.telegram.org")
        String apiUrl();

        /** The bot's token from @BotFather; the bot must be an admin of the channel. */
        Optional<String> botToken();

        /** The channel: "@astanatimes" or its numeric id. */
        Optional<String> chatId();
    }

    /** Mastodon: an application access token with write:statuses. */
    interface Mastodon {
        /** The instance, e.g. https://mastodon.social. */
        Optional<String> instanceUrl();

        /** An application access token with the write:statuses scope. */
        Optional<String> accessToken();
    }

    /** Bluesky: the account handle and an app password (Settings, App passwords). */
    interface Bluesky {
        /** The account's PDS (https://bsky.social for most accounts). */
        @WithDefault("https://bsky.social")
        String serviceUrl();

        /** The account's handle (newsroom.bsky.social) or DID. */
        Optional<String> identifier();

        /** An app password (Settings, Privacy and security, App passwords), never the account password. */
        Optional<String> appPassword();
    }

    /** X API v2: an OAuth 2.0 user access token with tweet.write, and the account's user id for lookups. */
    interface X {
        /** X API base URL. */
        @WithDefault("https://api.x.com")
        String apiUrl();

        /** An OAuth 2.0 user access token with tweet.write (and tweet.read, users.read for lookups). */
        Optional<String> accessToken();

        /** The account's numeric user id: lets Herald check its recent posts after a lost answer instead of asking a person. */
        Optional<String> userId();
    }

    /** Facebook Pages (Graph API): the page id and a page access token with pages_manage_posts. */
    interface Facebook {
        /** Graph API base URL with its version. */
        @WithDefault("https://graph.facebook.com/v21.0")
        String graphUrl();

        /** The Facebook Page's id. */
        Optional<String> pageId();

        /** A Page access token with pages_manage_posts. */
        Optional<String> pageAccessToken();
    }

    /** LinkedIn Posts API: a member or organization URN and a token with w_organization_social or w_member_social. */
    interface Linkedin {
        /** LinkedIn REST API base URL. */
        @WithDefault("https://api.linkedin.com")
        String apiUrl();

        /** An access token with w_organization_social (organisation pages) or w_member_social. */
        Optional<String> accessToken();

        /** urn:li:organization:123 or urn:li:person:abc */
        Optional<String> authorUrn();

        /** The LinkedIn-Version header (YYYYMM); LinkedIn retires versions after a year. */
        @WithDefault("202510")
        String version();
    }

    /**
     * Instagram Graph API content publishing: a professional account's id and a token with instagram_content_publish.
     * Instagram fetches the card from herald.public-url, which must be reachable from the internet.
     */
    interface Instagram {
        /** Graph API base URL with its version (https://graph.instagram.com/v21.0 for Instagram Login tokens). */
        @WithDefault("https://graph.facebook.com/v21.0")
        String graphUrl();

        /** The Instagram professional account's id (IG user id). */
        Optional<String> userId();

        /** An access token with instagram_basic and instagram_content_publish. */
        Optional<String> accessToken();
    }

    /** Threads API: the account's Threads user id and a token with threads_basic and threads_content_publish. */
    interface Threads {
        /** Threads API base URL with its version. */
        @WithDefault("https://graph.threads.net/v1.0")
        String apiUrl();

        /** The Threads user id. */
        Optional<String> userId();

        /** A Threads user access token with threads_basic and threads_content_publish. */
        Optional<String> accessToken();
    }

    /**
     * TikTok Content Posting API, photo posts: a user token with video.publish, for an app whose Direct Post is
     * approved and whose domain (herald.public-url) is verified for PULL_FROM_URL.
     */
    interface Tiktok {
        /** TikTok Open API base URL. */
        @WithDefault("https://open.tiktokapis.com")
        String apiUrl();

        /** A user access token with video.publish. */
        Optional<String> accessToken();

        /**
         * Who sees the post: PUBLIC_TO_EVERYONE, MUTUAL_FOLLOW_FRIENDS, FOLLOWER_OF_CREATOR or SELF_ONLY (the only
         * one TikTok allows an app before its audit).
         */
        @WithDefault("PUBLIC_TO_EVERYONE")
        String privacyLevel();
    }

    /** A generic webhook: JSON POST signed with HMAC-SHA256 (header X-Herald-Signature: sha256=hex). */
    interface Webhook {
        /** Where the webhook posts (https). */
        Optional<String> url();

        /** The HMAC-SHA256 key; the receiver checks X-Herald-Signature with it. */
        Optional<String> secret();
    }
}
