package io.herald.article;

import java.util.List;

/**
 * The closing invitation of an article ("Sign up via the website or subscribe to our Twitter, ..."): its text,
 * the channel ids it names in order, the names Herald does not know, and whether it offers a website signup.
 */
public record CallToAction(String text, List<String> channels, List<String> unknownChannels, boolean websiteSignup) {

    public CallToAction {
        channels = List.copyOf(channels);
        unknownChannels = List.copyOf(unknownChannels);
    }
}
