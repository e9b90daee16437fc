package io.herald.article;

import java.util.List;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Articles: ingest limits, the channels teased by default, the links in emails and the sample article. */
@ConfigMapping(prefix = "herald")
public interface ArticlesConfig {
    Articles articles();

    Links links();

    Sample sample();

    /**
     * The part of herald.social that says where sentences end: read here because digests split sentences as teasers
     * do (io.herald.social.SocialConfig has the rest of herald.social).
     */
    SentenceEnds social();

    /** Article ingest. */
    interface Articles {
        /** Largest article body accepted, in bytes. */
        @WithDefault("1048576")
        int maxBytes();

        /** Channels teased when an article's call-to-action names none. */
        @WithDefault("x,facebook,telegram")
        List<String> defaultChannels();
    }

    /** Links in emails. */
    interface Links {
        /** Add utm_source, utm_medium=email and utm_campaign=edition-&lt;id&gt; to article links (never to unsubscribe links). */
        @WithDefault("true")
        boolean utm();

        /** The utm_source value. */
        @WithDefault("herald")
        String utmSource();
    }

    /** Demo content loaded on an empty database. */
    interface Sample {
        /** Ingest the bundled sample article on start when the database has no article. */
        @WithDefault("true")
        boolean enabled();
    }

    /** Where a sentence does not end. */
    interface SentenceEnds {
        /**
         * Abbreviations after which a sentence does not end, added to the built-in list (AP-style months, titles,
         * "No.", "Inc.", "U.S.", "a.m." and more; see io/herald/article/news-abbreviations.txt) and to CLDR's, for
         * example "Min.,Dep." for a newsroom that writes "Dep. Min. Nurlanov".
         */
        Optional<List<String>> abbreviations();
    }
}
