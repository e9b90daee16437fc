package io.herald.support;

import java.io.IOException;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.HashMap;
import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/** Starts {@link SocialStandIn} for the test run and points every publisher at it, with test credentials. */
public class SocialStandInResource implements QuarkusTestResourceLifecycleManager {

    /** Marks the test field that receives the running stand-in. */
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.FIELD)
    public @interface InjectSocial {}

    private SocialStandIn standIn;

    @Override
    public Map<String, String> start() {
        try {
            standIn = new SocialStandIn();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        String base = standIn.base();
        Map<String, String> config = new HashMap<>();
        config.put("herald.social.telegram.api-url", base + "/telegram");
        config.put("herald.social.telegram.bot-token", SocialStandIn.TELEGRAM_TOKEN);
        config.put("herald.social.telegram.chat-id", "@astanatimes");
        config.put("herald.social.mastodon.instance-url", base + "/mastodon");
        config.put("herald.social.mastodon.access-token", SocialStandIn.MASTODON_TOKEN);
        config.put("herald.social.bluesky.service-url", base + "/bluesky");
        config.put("herald.social.bluesky.identifier", SocialStandIn.BLUESKY_HANDLE);
        config.put("herald.social.bluesky.app-password", SocialStandIn.BLUESKY_PASSWORD);
        config.put("herald.social.x.api-url", base + "/x");
        config.put("herald.social.x.access-token", SocialStandIn.X_TOKEN);
        config.put("herald.social.x.user-id", SocialStandIn.X_USER);
        config.put("herald.social.facebook.graph-url", base + "/facebook/v21.0");
        config.put("herald.social.facebook.page-id", SocialStandIn.FACEBOOK_PAGE);
        config.put("herald.social.facebook.page-access-token", SocialStandIn.FACEBOOK_TOKEN);
        config.put("herald.social.linkedin.api-url", base + "/linkedin");
        config.put("herald.social.linkedin.access-token", SocialStandIn.LINKEDIN_TOKEN);
        config.put("herald.social.linkedin.author-urn", SocialStandIn.LINKEDIN_AUTHOR);
        config.put("herald.social.webhook.url", base + "/webhook");
        config.put("herald.social.webhook.secret", SocialStandIn.WEBHOOK_SECRET);
        config.put("herald.social.instagram.graph-url", base + "/instagram/v21.0");
        config.put("herald.social.instagram.user-id", MediaStandIn.INSTAGRAM_USER);
        config.put("herald.social.instagram.access-token", MediaStandIn.INSTAGRAM_TOKEN);
        config.put("herald.social.threads.api-url", base + "/threads/v1.0");
        config.put("herald.social.threads.user-id", MediaStandIn.THREADS_USER);
        config.put("herald.social.threads.access-token", MediaStandIn.THREADS_TOKEN);
        config.put("herald.social.tiktok.api-url", base + "/tiktok");
        config.put("herald.social.tiktok.access-token", MediaStandIn.TIKTOK_TOKEN);
        config.put("herald.social.webhook-channels", "whatsapp");
        config.put("herald.social.retry-backoff", "1s");
        config.put("herald.social.request-timeout", "5s");
        return config;
    }

    @Override
    public void inject(TestInjector injector) {
        injector.injectIntoFields(
                standIn, new TestInjector.AnnotatedAndMatchesType(InjectSocial.class, SocialStandIn.class));
    }

    @Override
    public void stop() {
        if (standIn != null) {
            standIn.stop();
        }
    }
}
