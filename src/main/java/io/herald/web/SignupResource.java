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
import jakarta.ws.rs.HeaderParam;
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
    public record Choice(MailingList list, boolean member, boolean clicksTracked) {

        /** The list keeps clicks under readers' names for those who agree: the page asks. */
        public boolean asksAboutClicks() {
            return list.tracking() == MailingList.Tracking.INDIVIDUAL;
        }
    }

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance form(
                List<MailingList> lists,
                List<MailingList> tracked,
                String localHour,
                String publication,
                String action,
                String error);

        static native TemplateInstance check(String publication);

        static native TemplateInstance confirm(String token, String publication);

        static native TemplateInstance confirmed(List<MailingList> lists, String listNames, String publication);

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
    private final io.herald.insight.ReaderClicks readerClicks;
    private final ReaderLanguage language;

    SignupResource(
            Signups signups,
            SignedTokens tokens,
            SubscriberStore subscribers,
            MailingLists mailingLists,
            HeraldConfig config,
            Clock clock,
            io.herald.article.ArticleLinks links,
            io.herald.insight.ReaderClicks readerClicks,
            ReaderLanguage language) {
        this.language = language;
        this.links = links;
        this.readerClicks = readerClicks;
        this.signups = signups;
        this.tokens = tokens;
        this.subscribers = subscribers;
        this.mailingLists = mailingLists;
        this.config = config;
        this.clock = clock;
    }

    @GET
    @Path("subscribe")
    public TemplateInstance form(@QueryParam("lang") String lang, @HeaderParam("Accept-Language") String acceptLanguage)
            throws SQLException {
        return form(signups.openLists(), config.publication().name(), links.publicUrl("/subscribe"), null)
                .setLocale(language.of(lang, acceptLanguage));
    }

    /**
     * The signup form; it asks about clicks kept by name only when one of its lists tracks individually, and for the
     * reader's time zone (filled in from the browser, for the reader to confirm) only when one of its lists delivers
     * at a local hour.
     */
    static TemplateInstance form(List<MailingList> lists, String publication, String action, String error) {
        List<MailingList> tracked = lists.stream()
                .filter(l -> l.tracking() == MailingList.Tracking.INDIVIDUAL)
                .toList();
        String localHour = lists.stream()
                .filter(MailingList::deliversAtLocalTime)
                .map(l -> l.deliverAt().toString())
                .findFirst()
                .orElse(null);
        return Templates.form(lists, tracked, localHour, publication, action, error);
    }

    @GET
    @Path("subscribe/confirm")
    public Response confirmPage(
            @QueryParam("t") String token,
            @QueryParam("lang") String lang,
            @HeaderParam("Accept-Language") String acceptLanguage)
            throws SQLException {
        Optional<List<MailingList>> asked = signups.listsAsked(token);
        if (asked.isEmpty()) {
            return invalid(language.of(lang, acceptLanguage));
        }
        return Response.ok(Templates.confirm(token, config.publication().name())
                        .setLocale(language.of(asked.get(), lang, acceptLanguage)))
                .build();
    }

    private Response invalid(String in) {
        return Response.status(400)
                .entity(Templates.invalid(config.publication().name()).setLocale(in))
                .build();
    }

    @POST
    @Path("subscribe/confirm")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response confirm(
            @FormParam("t") String token,
            @FormParam("lang") String lang,
            @HeaderParam("Accept-Language") String acceptLanguage,
            @Context HttpServerRequest request)
            throws SQLException {
        Optional<List<MailingList>> joined =
                signups.confirm(token, request.remoteAddress().hostAddress());
        if (joined.isEmpty()) {
            return invalid(language.of(lang, acceptLanguage));
        }
        String names =
                String.join(", ", joined.get().stream().map(MailingList::name).toList());
        return Response.ok(Templates.confirmed(
                                joined.get(), names, config.publication().name())
                        .setLocale(language.of(joined.get(), lang, acceptLanguage)))
                .build();
    }

    @GET
    @Path("preferences")
    public Response preferences(
            @QueryParam("t") String token,
            @QueryParam("lang") String lang,
            @HeaderParam("Accept-Language") String acceptLanguage)
            throws SQLException {
        return preferencesPage(token, null, lang, acceptLanguage);
    }

    /** Saves the reader's choices: leaving takes effect now; joining a list goes through a fresh opt-in. */
    @POST
    @Path("preferences")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response save(
            @FormParam("t") String token,
            @FormParam("list") List<String> chosen,
            @FormParam("track-clicks") List<String> clicks,
            @FormParam("action") String action,
            @FormParam("lang") String lang,
            @HeaderParam("Accept-Language") String acceptLanguage)
            throws SQLException {
        Optional<Long> subscriber = subscriberOf(token);
        if (subscriber.isEmpty()) {
            return invalid(language.of(lang, acceptLanguage));
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
        int consent = 0;
        for (MailingList list : visibleLists(states)) {
            boolean active = SubscriberStore.ACTIVE.equals(states.get(list.id())) && wanted.contains(list.id());
            if (list.tracking() == MailingList.Tracking.INDIVIDUAL && active) {
                boolean keep = clicks != null && clicks.contains(list.id());
                if (subscribers.setClickConsent(list.id(), subscriber.get(), keep, "preferences", clock.instant())) {
                    consent++;
                    if (!keep) {
                        readerClicks.forget(subscriber.get(), list.id());
                    }
                }
            }
        }
        String email = subscribers.recipient(subscriber.get()).orElseThrow().email();
        if (!join.isEmpty()) {
            signups.rejoin(email, join);
        }
        io.herald.language.Words words = language.words(readersLanguage(subscriber.get(), lang, acceptLanguage));
        String message = (left > 0 ? words.get("youLeftLists", left) + " " : "")
                + (join.isEmpty() ? "" : words.get("confirmSentForJoin") + " ")
                + (consent > 0 ? words.get("clickChoiceSaved") + " " : "")
                + (left == 0 && join.isEmpty() && consent == 0 ? words.get("nothingChanged") : "");
        return preferencesPage(token, message.strip(), words.language(), acceptLanguage);
    }

    /** The page's language: asked for (the form's lang), else the first list the reader is on, else the browser's. */
    private String readersLanguage(long subscriber, String lang, String acceptLanguage) throws SQLException {
        Map<String, String> states = subscribers.memberships(subscriber);
        List<MailingList> on = visibleLists(states).stream()
                .filter(l -> SubscriberStore.ACTIVE.equals(states.get(l.id())))
                .toList();
        return lang != null && !lang.isBlank()
                ? language.of(lang, acceptLanguage)
                : language.of(on, null, acceptLanguage);
    }

    private Response preferencesPage(String token, String message, String lang, String acceptLanguage)
            throws SQLException {
        Optional<Long> subscriber = subscriberOf(token);
        Optional<SubscriberStore.Recipient> who =
                subscriber.isEmpty() ? Optional.empty() : subscribers.recipient(subscriber.get());
        if (who.isEmpty()) {
            return invalid(language.of(lang, acceptLanguage));
        }
        String in = readersLanguage(who.get().id(), lang, acceptLanguage);
        Map<String, String> states = subscribers.memberships(who.get().id());
        List<Choice> choices = new ArrayList<>();
        for (MailingList l : visibleLists(states)) {
            boolean member = SubscriberStore.ACTIVE.equals(states.get(l.id()));
            choices.add(new Choice(
                    l,
                    member,
                    member && subscribers.clickConsent(l.id(), who.get().id())));
        }
        return Response.ok(Templates.preferences(
                                token,
                                who.get().email(),
                                choices,
                                config.publication().name(),
                                message)
                        .setLocale(in))
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
