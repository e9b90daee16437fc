package io.herald.web;

import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

import io.herald.article.ArticleStore;
import io.herald.common.Refusal;
import io.herald.social.OutboxPost;
import io.herald.social.OutboxStore;
import io.herald.social.SocialOutbox;
import io.herald.social.Teaser;
import io.herald.social.TeaserEditing;
import io.herald.social.TeaserStore;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/**
 * An article's teasers: read them with their counts and outbox state, edit one (re-validated), hold a channel, and
 * (ops) publish now.
 */
@Path("/api/articles/{id}/teasers")
@RolesAllowed("editor")
@Produces(MediaType.APPLICATION_JSON)
public class TeaserResource {

    /** A teaser as editors see it: the text and its count, and where its post is. */
    public record TeaserJson(
            String channel,
            String text,
            int length,
            int limit,
            boolean valid,
            String problem,
            String state,
            boolean edited,
            boolean held,
            String route,
            String externalUrl,
            String lastError,
            int attempts,
            String waiting) {

        static TeaserJson of(Teaser t, OutboxPost post) {
            String state = post != null ? post.state() : t.held() ? "held" : "draft";
            return new TeaserJson(
                    t.channel(),
                    t.text(),
                    t.length(),
                    t.limit(),
                    t.valid(),
                    t.problem(),
                    state,
                    t.edited(),
                    t.held(),
                    post == null ? null : post.route(),
                    post == null ? null : post.externalUrl(),
                    post == null ? null : post.lastError(),
                    post == null ? 0 : post.attempts(),
                    post == null ? null : post.waiting());
        }
    }

    /** An edit: the new text, and/or whether the channel is held. */
    public record TeaserEdit(String text, Boolean held) {}

    private final ArticleStore articles;
    private final TeaserStore teasers;
    private final OutboxStore outboxStore;
    private final SocialOutbox outbox;
    private final TeaserEditing editing;
    private final WaitingReasons waiting;
    private final AuditNotes audit;

    TeaserResource(
            ArticleStore articles,
            TeaserStore teasers,
            OutboxStore outboxStore,
            SocialOutbox outbox,
            TeaserEditing editing,
            WaitingReasons waiting,
            AuditNotes audit) {
        this.audit = audit;
        this.waiting = waiting;
        this.articles = articles;
        this.teasers = teasers;
        this.outboxStore = outboxStore;
        this.outbox = outbox;
        this.editing = editing;
    }

    @GET
    public List<TeaserJson> list(@PathParam("id") long id) throws SQLException {
        requireArticle(id);
        Map<String, OutboxPost> posts = waiting.posts(outboxStore.forArticle(id)).stream()
                .collect(Collectors.toMap(OutboxPost::channel, Function.identity()));
        return teasers.forArticle(id).stream()
                .map(t -> TeaserJson.of(t, posts.get(t.channel())))
                .toList();
    }

    @PUT
    @Path("{channel}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Audited("teaser.edit")
    public TeaserJson edit(@PathParam("id") long id, @PathParam("channel") String channel, TeaserEdit edit)
            throws SQLException {
        requireArticle(id);
        if (edit == null || (edit.text() == null && edit.held() == null)) {
            throw new Refusal(Refusal.Kind.INVALID, "text", "send {\"text\": ...} and/or {\"held\": true|false}");
        }
        if (edit.text() != null && edit.text().isBlank()) {
            throw new Refusal(Refusal.Kind.UNPROCESSABLE, "text", "the text is empty");
        }
        try {
            Optional<Teaser> before = teasers.find(id, channel);
            Optional<Teaser> edited = editing.edit(id, channel, edit.text(), edit.held());
            audit.teaser(id, channel, before, edited);
            Teaser teaser = edited.orElseThrow(
                    () -> Refusal.notFound("channel", "article " + id + " has no " + channel + " teaser"));
            return TeaserJson.of(teaser, outboxStore.find(id, channel).orElse(null));
        } catch (TeaserEditing.Refused e) {
            throw new Refusal(
                    e.conflict() ? Refusal.Kind.CONFLICT : Refusal.Kind.UNPROCESSABLE, e.field(), e.getMessage());
        }
    }

    @POST
    @Path("publish")
    @RolesAllowed("ops")
    @Audited("teaser.publish")
    public List<OutboxPost> publishAll(@PathParam("id") long id) throws SQLException {
        requireArticle(id);
        return waiting.posts(outbox.publishNow(id, null));
    }

    @POST
    @Path("{channel}/publish")
    @RolesAllowed("ops")
    @Audited("teaser.publish")
    public OutboxPost publishOne(@PathParam("id") long id, @PathParam("channel") String channel) throws SQLException {
        requireArticle(id);
        if (teasers.find(id, channel).isEmpty()) {
            throw Refusal.notFound("channel", "article " + id + " has no " + channel + " teaser");
        }
        Optional<OutboxPost> post = outbox.publishNow(id, channel).stream()
                .filter(p -> p.channel().equals(channel))
                .findFirst();
        return post.orElseThrow();
    }

    private void requireArticle(long id) throws SQLException {
        articles.find(id).orElseThrow(() -> Refusal.notFound("id", "no article " + id));
    }
}
