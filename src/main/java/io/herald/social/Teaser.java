package io.herald.social;

/**
 * One post for one channel, with its length as that channel counts it. {@code state} is "draft" until the outbox
 * takes it; {@code edited} when an editor rewrote it; {@code held} when an editor stopped the channel.
 */
public record Teaser(
        String channel,
        String text,
        int length,
        int limit,
        boolean valid,
        String problem,
        String state,
        boolean edited,
        boolean held) {

    static Teaser of(Channel channel, String text) {
        String problem = channel.problem(text).orElse(null);
        return new Teaser(
                channel.id(),
                text,
                channel.count(text),
                channel.limit(),
                problem == null,
                problem,
                "draft",
                false,
                false);
    }

    Teaser editedTo(Channel channel, String newText) {
        Teaser checked = of(channel, newText);
        return new Teaser(
                channel.id(),
                newText,
                checked.length(),
                checked.limit(),
                checked.valid(),
                checked.problem(),
                state,
                true,
                held);
    }
}
