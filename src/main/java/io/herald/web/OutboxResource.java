package io.herald.web;

import java.sql.SQLException;
import java.util.Set;

import io.herald.common.Refusal;
import io.herald.social.OutboxPost;
import io.herald.social.OutboxStore;
import io.herald.social.SocialOutbox;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** The social outbox: every post and its state; the manual queue is ?state=manual. */
@Path("/api/outbox")
@RolesAllowed("editor")
@Produces(MediaType.APPLICATION_JSON)
public class OutboxResource {

    private static final Set<String> STATES = Set.of(
            OutboxPost.PENDING,
            OutboxPost.PUBLISHING,
            OutboxPost.PUBLISHED,
            OutboxPost.FAILED,
            OutboxPost.MANUAL,
            OutboxPost.SKIPPED,
            OutboxPost.UNKNOWN);

    /** "Mark posted": where a person posted it, if they have the link. */
    public record Posted(String url) {}

    private final OutboxStore store;
    private final SocialOutbox outbox;
    private final Staff staff;
    private final WaitingReasons waiting;

    OutboxResource(OutboxStore store, SocialOutbox outbox, Staff staff, WaitingReasons waiting) {
        this.waiting = waiting;
        this.store = store;
        this.outbox = outbox;
        this.staff = staff;
    }

    /** Newest first, a page at a time: ?state=&limit=100&before=<id>; X-Total-Count and a Link to the next. */
    @GET
    public Response list(
            @QueryParam("state") String state,
            @QueryParam("limit") Integer limit,
            @QueryParam("before") Long before,
            @jakarta.ws.rs.core.Context jakarta.ws.rs.core.UriInfo uri)
            throws SQLException {
        if (state != null && !STATES.contains(state)) {
            throw new Refusal(Refusal.Kind.INVALID, "state", "unknown state " + state + "; one of " + STATES);
        }
        int n = Paging.limit(limit);
        return Paging.page(
                waiting.posts(store.list(state, n + 1, before)), n, store.count(state), uri, "before", OutboxPost::id);
    }

    @POST
    @Path("{id}/posted")
    @RolesAllowed("ops")
    @Audited("outbox.posted")
    @Consumes(MediaType.APPLICATION_JSON)
    public OutboxPost markPosted(@PathParam("id") long id, Posted posted) throws SQLException {
        OutboxPost post = find(id);
        String url = posted == null ? null : posted.url();
        if (url != null && !url.isBlank() && !url.matches("https?://\\S+")) {
            throw new Refusal(Refusal.Kind.INVALID, "url", "not an http(s) link");
        }
        if (!outbox.markPosted(id, url == null || url.isBlank() ? null : url, "person:" + staff.name())) {
            throw new Refusal(Refusal.Kind.CONFLICT, "state", "a " + post.state() + " post cannot be marked posted");
        }
        return find(id);
    }

    @POST
    @Path("{id}/retry")
    @RolesAllowed("ops")
    @Audited("outbox.retry")
    public OutboxPost retry(@PathParam("id") long id) throws SQLException {
        OutboxPost post = find(id);
        if (!outbox.retry(id)) {
            throw new Refusal(
                    Refusal.Kind.CONFLICT,
                    "state",
                    "only failed or unknown posts are retried; this one is " + post.state());
        }
        return find(id);
    }

    private OutboxPost find(long id) throws SQLException {
        return waiting.post(store.find(id).orElseThrow(() -> Refusal.notFound("id", "no outbox post " + id)));
    }
}
