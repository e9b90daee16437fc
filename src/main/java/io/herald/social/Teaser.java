package io.herald.social;

/** One post for one channel, with its length as that channel counts it. */
public record Teaser(String channel, String text, int length, int limit, boolean valid, String problem, String state) {

    static Teaser of(Channel channel, String text) {
        String problem = channel.problem(text).orElse(null);
        return new Teaser(channel.id(), text, channel.count(text), channel.limit(), problem == null, problem, "draft");
    }
}
