package io.herald.web;

import java.sql.SQLException;
import java.time.Clock;
import java.util.Optional;

import io.herald.insight.EditionInsight;
import io.herald.subscriber.MailingLists;
import io.herald.subscriber.SubscriberStore;
import io.herald.subscriber.UnsubscribeTokens;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * The unsubscribe link of every email. GET shows a confirmation page (mail scanners follow links, so GET never
 * unsubscribes); POST unsubscribes, both from that page and as RFC 8058 one-click from the mail client. Public; the
 * signed token is the only credential.
 */
@Path("/unsubscribe")
@PermitAll
@Produces(MediaType.TEXT_HTML)
public class UnsubscribeResource {

    private final UnsubscribeTokens tokens;
    private final SubscriberStore subscribers;
    private final MailingLists mailingLists;
    private final Clock clock;

    private final io.herald.signup.SignedTokens signed;
    private final io.herald.signup.SignupConfig signupConfig;
    private final ReaderLanguage language;

    UnsubscribeResource(
            UnsubscribeTokens tokens,
            SubscriberStore subscribers,
            MailingLists mailingLists,
            Clock clock,
            io.herald.signup.SignedTokens signed,
            io.herald.signup.SignupConfig signupConfig,
            ReaderLanguage language) {
        this.language = language;
        this.signed = signed;
        this.signupConfig = signupConfig;
        this.tokens = tokens;
        this.subscribers = subscribers;
        this.mailingLists = mailingLists;
        this.clock = clock;
    }

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance confirm(
                String token, String send, String email, String listName, String preferencesUrl);

        static native TemplateInstance done(String email, String listName, String preferencesUrl);

        static native TemplateInstance invalid();
    }

    @GET
    public Response confirm(
            @QueryParam("t") String token,
            @QueryParam("s") String send,
            @jakarta.ws.rs.HeaderParam("Accept-Language") String acceptLanguage)
            throws SQLException {
        Optional<Target> target = target(token);
        if (target.isEmpty()) {
            return Response.status(400)
                    .entity(Templates.invalid().setLocale(language.of(null, acceptLanguage)))
                    .build();
        }
        return Response.ok(Templates.confirm(
                                token,
                                sendOf(send) < 0 ? null : send,
                                target.get().email(),
                                target.get().listName(),
                                preferencesUrl(token))
                        .setLocale(target.get().language()))
                .build();
    }

    /**
     * POST unsubscribes, from the confirmation page and as RFC 8058 one-click from a mail provider. It is served by
     * a plain Vert.x route ({@link #route}), not by Quarkus REST: a mail provider's one-click POST carries no CSRF
     * token and cannot, and the signed token in the URL is the only credential it needs, so the CSRF filter that
     * guards every other form must not see it.
     */
    void route(@jakarta.enterprise.event.Observes io.vertx.ext.web.Router router) {
        router.post("/unsubscribe")
                .order(-10)
                .blockingHandler(
                        ctx -> {
                            String token = ctx.request().getParam("t");
                            String html;
                            int status;
                            try {
                                Optional<Target> target = target(token);
                                if (target.isEmpty()) {
                                    status = 400;
                                    html = Templates.invalid()
                                            .setLocale(language.of(
                                                    null, ctx.request().getHeader("Accept-Language")))
                                            .render();
                                } else {
                                    UnsubscribeTokens.Subject subject =
                                            tokens.verify(token).orElseThrow();
                                    subscribers.unsubscribe(
                                            subject.listId(),
                                            subject.subscriberId(),
                                            sendOf(ctx.request().getParam("s")) < 0
                                                    ? "unsubscribe-link"
                                                    : EditionInsight.unsubscribeSource(
                                                            sendOf(ctx.request().getParam("s"))),
                                            clock.instant());
                                    status = 200;
                                    html = Templates.done(
                                                    target.get().email(),
                                                    target.get().listName(),
                                                    preferencesUrl(token))
                                            .setLocale(target.get().language())
                                            .render();
                                }
                            } catch (SQLException e) {
                                ctx.fail(e);
                                return;
                            }
                            ctx.response()
                                    .setStatusCode(status)
                                    .putHeader("Content-Type", "text/html;charset=UTF-8")
                                    .putHeader("Content-Security-Policy", SecurityHeaders.PAGE_CSP)
                                    .putHeader("Cache-Control", "no-store")
                                    .end(html);
                        },
                        false);
    }

    /** The reader's preferences page, reached from an unsubscribe link (signed, valid herald.signup.preferences-ttl). */
    private String preferencesUrl(String token) {
        long subscriber = tokens.verify(token).orElseThrow().subscriberId();
        return "/preferences?t="
                + signed.issue(
                        "prefs", String.valueOf(subscriber), clock.instant().plus(signupConfig.preferencesTtl()));
    }

    /**
     * The send whose email carried the link (its s parameter), so the edition's figures count the unsubscribe; -1
     * when there is none or it is not a number. Not signed: a forged one only moves one reader's unsubscribe from
     * one edition's count to another's.
     */
    private static long sendOf(String s) {
        return s != null && s.matches("\\d{1,18}") ? Long.parseLong(s) : -1;
    }

    /** Who leaves which list, and the list's language (the pages speak it). */
    private record Target(String email, String listName, String language) {}

    private Optional<Target> target(String token) throws SQLException {
        Optional<UnsubscribeTokens.Subject> subject = tokens.verify(token);
        if (subject.isEmpty()) {
            return Optional.empty();
        }
        var recipient = subscribers.recipient(subject.get().subscriberId());
        var list = mailingLists.find(subject.get().listId());
        if (recipient.isEmpty() || list.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Target(recipient.get().email(), list.get().name(), language.of(list.get())));
    }
}
