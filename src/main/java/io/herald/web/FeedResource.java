package io.herald.web;

import java.net.URI;
import java.sql.SQLException;
import java.time.Clock;
import java.util.List;

import io.herald.common.Refusal;
import io.herald.feed.Feed;
import io.herald.feed.FeedFailure;
import io.herald.feed.FeedPoller;
import io.herald.feed.FeedStore;
import io.herald.feed.FeedUrlGuard;
import io.herald.subscriber.MailingLists;
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

/**
 * Feeds: GET shows each feed's state (last poll, last success, error and reason, items seen); POST adds one for some
 * lists (ops: new items are mailed to those lists); POST /{id}/poll polls now.
 */
@Path("/api/feeds")
@RolesAllowed("editor")
@Produces(MediaType.APPLICATION_JSON)
public class FeedResource {

    /** A feed to add and the lists its new items go to. */
    public record FeedRequest(String url, List<String> lists) {}

    /** A poll's outcome with the feed's state after it. */
    public record Polled(FeedPoller.PollResult result, Feed feed) {}

    private final FeedStore store;
    private final FeedPoller poller;
    private final FeedUrlGuard guard;
    private final MailingLists mailingLists;
    private final Clock clock;
    private final WaitingReasons waiting;

    FeedResource(
            FeedStore store,
            FeedPoller poller,
            FeedUrlGuard guard,
            MailingLists mailingLists,
            Clock clock,
            WaitingReasons waiting) {
        this.waiting = waiting;
        this.store = store;
        this.poller = poller;
        this.guard = guard;
        this.mailingLists = mailingLists;
        this.clock = clock;
    }

    /** Oldest first, a page at a time: ?limit=100&after=<id>; X-Total-Count and a Link to the next page. */
    @GET
    public Response list(
            @QueryParam("limit") Integer limit,
            @QueryParam("after") Long after,
            @jakarta.ws.rs.core.Context jakarta.ws.rs.core.UriInfo uri)
            throws SQLException {
        return Paging.inMemory(waiting.feeds(store.all()), Paging.limit(limit), after, uri, Feed::id);
    }

    @POST
    @RolesAllowed("ops")
    @Consumes(MediaType.APPLICATION_JSON)
    @Audited("feed.add")
    public Response add(FeedRequest request) throws SQLException {
        if (request == null || request.url() == null || request.url().isBlank()) {
            throw new Refusal(Refusal.Kind.INVALID, "url", "the feed's url is required");
        }
        String url = request.url().strip();
        try {
            URI uri = URI.create(url);
            if (!uri.isAbsolute()) {
                throw new Refusal(Refusal.Kind.UNPROCESSABLE, "url", "not an absolute http(s) URL");
            }
            guard.check(uri);
        } catch (IllegalArgumentException e) {
            throw new Refusal(Refusal.Kind.UNPROCESSABLE, "url", "not a URL: " + e.getMessage());
        } catch (FeedFailure e) {
            throw new Refusal(Refusal.Kind.UNPROCESSABLE, "url", e.getMessage());
        }
        if (request.lists() == null || request.lists().isEmpty()) {
            throw new Refusal(Refusal.Kind.INVALID, "lists", "name at least one list the feed's items go to");
        }
        for (String id : request.lists()) {
            if (id == null || mailingLists.find(id).isEmpty()) {
                throw new Refusal(Refusal.Kind.UNPROCESSABLE, "lists", "no list " + id);
            }
        }
        boolean existed = store.findByUrl(url).isPresent();
        Feed feed = store.upsert(url, request.lists(), "api", clock.instant());
        return Response.status(existed ? 200 : 201)
                .location(URI.create("/api/feeds/" + feed.id()))
                .entity(feed)
                .build();
    }

    @GET
    @Path("{id}")
    public Feed get(@PathParam("id") long id) throws SQLException {
        return find(id);
    }

    @POST
    @Path("{id}/poll")
    @RolesAllowed("ops")
    @Audited("feed.poll")
    public Polled poll(@PathParam("id") long id) throws SQLException {
        FeedPoller.PollResult result = poller.poll(find(id));
        return new Polled(result, find(id));
    }

    private Feed find(long id) throws SQLException {
        return waiting.feed(store.find(id).orElseThrow(() -> Refusal.notFound("id", "no feed " + id)));
    }
}
