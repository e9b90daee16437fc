package io.herald.social;

import java.sql.SQLException;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

/** An editor's changes to a teaser before it goes: new text, validated by the channel's rule, and hold/release. */
@ApplicationScoped
public class TeaserEditing {

    /** Why an edit cannot be taken: the field and the reason; {@code conflict} when the post already went. */
    public static class Refused extends Exception {
        private final String field;
        private final boolean conflict;

        Refused(String field, String reason, boolean conflict) {
            super(reason);
            this.field = field;
            this.conflict = conflict;
        }

        public String field() {
            return field;
        }

        public boolean conflict() {
            return conflict;
        }
    }

    private final TeaserStore teasers;
    private final OutboxStore outbox;

    TeaserEditing(TeaserStore teasers, OutboxStore outbox) {
        this.teasers = teasers;
        this.outbox = outbox;
    }

    /** Applies what is given (null leaves a part as it is) and returns the teaser as stored. */
    public Optional<Teaser> edit(long articleId, String channelId, String text, Boolean held)
            throws SQLException, Refused {
        Optional<Teaser> current = teasers.find(articleId, channelId);
        if (current.isEmpty()) {
            return Optional.empty();
        }
        Optional<OutboxPost> post = outbox.find(articleId, channelId);
        if (post.isPresent()
                && (OutboxPost.PUBLISHED.equals(post.get().state())
                        || OutboxPost.PUBLISHING.equals(post.get().state()))) {
            throw new Refused(
                    "channel",
                    "the " + channelId + " post is " + post.get().state() + "; it can no longer change",
                    true);
        }
        Channel channel = Channel.byId(channelId).orElseThrow();
        Teaser updated = current.get();
        if (text != null) {
            String clean = io.herald.article.TextNormaliser.normalise(text).strip();
            updated = updated.editedTo(channel, clean);
            if (!updated.valid()) {
                throw new Refused("text", channel.displayName() + ": " + updated.problem(), false);
            }
        }
        if (held != null) {
            updated = new Teaser(
                    updated.channel(),
                    updated.text(),
                    updated.length(),
                    updated.limit(),
                    updated.valid(),
                    updated.problem(),
                    updated.state(),
                    updated.edited(),
                    held);
        }
        teasers.update(articleId, updated);
        return Optional.of(updated);
    }
}
