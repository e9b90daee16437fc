package io.herald.config;

import java.util.Map;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * The instance as a whole: where it keeps its data, the public address of its pages, the dry-run switch and the
 * publication it speaks for. Each feature's own settings live in a @ConfigMapping beside it (io.herald.delivery
 * .DeliveryConfig, io.herald.social.SocialConfig, ...); deploy/CONFIGURATION.md lists them all.
 */
@ConfigMapping(prefix = "herald")
public interface HeraldConfig {
    /** Directory for runtime state: the H2 database and anything else Herald writes. Relative paths start with ./ */
    @WithDefault("./data")
    String dataDir();

    /** Base URL of Herald's public pages; every link in an email (unsubscribe, view online) starts with it. */
    @WithDefault("http://localhost:8080")
    String publicUrl();

    /** Renders and records everything but never opens an SMTP connection. */
    @WithDefault("false")
    boolean dryRun();

    Publication publication();

    /** The publication behind the lists: its name, website signup and social accounts. */
    interface Publication {
        /** Publication name used in footers and teasers. */
        @WithDefault("Herald Demo News")
        String name();

        /**
         * Website signup page linked from the call-to-action ("Sign up on our website", "Subscribe: ..."); Herald's
         * own signup page at the public URL unless the newsroom has one of its own.
         */
        @WithDefault("http://localhost:8080/subscribe")
        String signupUrl();

        /** Profile URL per channel id (x, facebook, instagram, telegram, youtube, tiktok, ...). */
        Map<String, String> channelUrls();
    }
}
