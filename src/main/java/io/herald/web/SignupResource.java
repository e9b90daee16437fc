package io.herald.web;

import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.herald.config.HeraldConfig;
import io.herald.signup.SignedTokens;
import io.herald.signup.Signups;
import io.herald.subscriber.MailingList;
import io.herald.subscriber.MailingLists;
import io.herald.subscriber.SubscriberStore;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.vertx.core.http.HttpServerRequest;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * Public pages for readers: the signup form (and the snippet a newsroom embeds on its site), the opt-in confirmation
 * page, and the preferences page. The signup POST itself is {@link SignupRoute}: it comes from the newsroom's own site.
 */
@Path("/")
@PermitAll
@Produces(MediaType.TEXT_HTML)
public class SignupResource {

    /** A list on the preferences page: whether the reader is on it. */
    public record Choice(MailingList list, boolean member) {}

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance form(List<MailingList> lists, String publication, String action, String error);

        static native TemplateInstance check(String publication);

        static native TemplateInstance confirm(String token, String publication);

        static native TemplateInstance confirmed(List<MailingList> lists, String publication);

        static native TemplateInstance invalid(String publication);

        static native TemplateInstance preferences(
                String token, String email, List<Choice> choices, String publication, String message);
    }

    private final Signups signups;
    private final SignedTokens tokens;
    private final SubscriberStore subscribers;
    private final MailingLists mailingLists;
    private final HeraldConfig config;
    private final Clock clock;
    private final io.herald.article.ArticleLinks links;

    SignupResource(
            Signups signups,
            SignedTokens tokens,
            SubscriberStore subscribers,
            MailingLists mailingLists,
            HeraldConfig config,
            Clock clock,
            io.herald.article.ArticleLinks links) {
        this.links = links;
        this.signups = signups;
        this.tokens = tokens;
        this.subscribers = subscribers;
        this.mailingLists = mailingLists;
        this.config = config;
        this.clock = clock;
    }

    @GET
    @Path("subscribe")
    public TemplateInstance form() throws SQLException {
        return Templates.form(signups.openLists(), config.publication().name(), links.publicUrl("/subscribe"), null);
    }

    @GET
    @Path("subscribe/confirm")
    public Response confirmPage(@QueryParam("t") String token) {
        if (tokens.verify("confirm", token, clock.instant()).isEmpty()) {
            return Response.status(400)
                    .entity(Templates.invalid(config.publication().name()))
                    .build();
        }
        return Response.ok(Templates.confirm(token, config.publication().name()))
                .build();
    }

    @POST
    @Path("subscribe/confirm")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response confirm(@FormParam("t") String token, @Context HttpServerRequest request) throws SQLException {
        Optional<List<MailingList>> joined =
                signups.confirm(token, request.remoteAddress().hostAddress());
        if (joined.isEmpty()) {
            return Response.status(400)
                    .entity(Templates.invalid(config.publication().name()))
                    .build();
        }
        return Response.ok(
                        Templates.confirmed(joined.get(), config.publication().name()))
                .build();
    }

    @GET
    @Path("preferences")
    public Response preferences(@QueryParam("t") String token) throws SQLException {
        return preferencesPage(token, null);
    }

    /** Saves the reader's choices: leaving takes effect now; joining a list goes through a fresh opt-in. */
    @POST
    @Path("preferences")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response save(
            @FormParam("t") String token, @FormParam("list") List<String> chosen, @FormParam("action") String action)
            throws SQLException {
        Optional<Long> subscriber = subscriberOf(token);
        if (subscriber.isEmpty()) {
            return Response.status(400)
                    .entity(Templates.invalid(config.publication().name()))
                    .build();
        }
        List<String> wanted = "leave".equals(action) || chosen == null ? List.of() : chosen;
        Map<String, String> states = subscribers.memberships(subscriber.get());
        List<String> join = new ArrayList<>();
        int left = 0;
        for (MailingList list : visibleLists(states)) {
            boolean active = SubscriberStore.ACTIVE.equals(states.get(list.id()));
            if (active && !wanted.contains(list.id())) {
                subscribers.unsubscribe(list.id(), subscriber.get(), "preferences", clock.instant());
                left++;
            } else if (!active && wanted.contains(list.id())) {
                join.add(list.id());
            }
        }
        String email = subscribers.recipient(subscriber.get()).orElseThrow().email();
        if (!join.isEmpty()) {
            signups.rejoin(email, join);
        }
        String message = (left > 0 ? "You left " + left + " list(s). " : "")
                + (join.isEmpty() ? "" : "We sent you an email to confirm the list(s) you chose to join. ")
                + (left == 0 && join.isEmpty() ? "Nothing changed." : "");
        return preferencesPage(token, message.strip());
    }

    private Response preferencesPage(String token, String message) throws SQLException {
        Optional<Long> subscriber = subscriberOf(token);
        Optional<SubscriberStore.Recipient> who =
                subscriber.isEmpty() ? Optional.empty() : subscribers.recipient(subscriber.get());
        if (who.isEmpty()) {
            return Response.status(400)
                    .entity(Templates.invalid(config.publication().name()))
                    .build();
        }
        Map<String, String> states = subscribers.memberships(who.get().id());
        List<Choice> choices = visibleLists(states).stream()
                .map(l -> new Choice(l, SubscriberStore.ACTIVE.equals(states.get(l.id()))))
                .toList();
        return Response.ok(Templates.preferences(
                        token, who.get().email(), choices, config.publication().name(), message))
                .header("Cache-Control", "no-store")
                .build();
    }

    /** The lists open to signup and any other list the reader is on. */
    private List<MailingList> visibleLists(Map<String, String> states) throws SQLException {
        List<MailingList> open = new ArrayList<>(signups.openLists());
        for (MailingList list : mailingLists.all()) {
            if (states.containsKey(list.id()) && open.stream().noneMatch(l -> l.id().equals(list.id()))) {
                open.add(list);
            }
        }
        return open;
    }

    private Optional<Long> subscriberOf(String token) {
        try {
            return tokens.verify("prefs", token, clock.instant()).map(Long::parseLong);
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
