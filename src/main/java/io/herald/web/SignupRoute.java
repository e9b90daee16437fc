package io.herald.web;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.herald.config.HeraldConfig;
import io.herald.signup.Signups;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * POST /subscribe: the signup form on the newsroom's website (a cross-site form post by design, so outside the CSRF
 * filter that guards Herald's own forms) and JSON for sites that post with a script. Form posts get a page back,
 * JSON gets 202 or problem+json. The answer is the same whatever Herald knows of the address; only a malformed
 * request (422) and too many requests (429) differ.
 */
@ApplicationScoped
public class SignupRoute {

    private final Signups signups;
    private final ObjectMapper json;
    private final String publication;

    private final ReaderLanguage language;

    SignupRoute(Signups signups, ObjectMapper json, HeraldConfig config, ReaderLanguage language) {
        this.language = language;
        this.signups = signups;
        this.json = json;
        this.publication = config.publication().name();
    }

    void route(@Observes Router router) {
        // No file uploads on a signup form: without this Vert.x makes a "file-uploads" folder in the working directory.
        router.post("/subscribe")
                .order(-10)
                .handler(BodyHandler.create(false).setBodyLimit(16_384))
                .blockingHandler(this::handle, false)
                // A body the form decoder cannot read (found by ApiFuzzTest) is the client's error, said as a problem.
                .failureHandler(ctx -> problem(
                        ctx,
                        ctx.statusCode() == 413 ? 413 : 400,
                        "body",
                        "the request body is not a readable signup form or JSON object"));
    }

    private void handle(RoutingContext ctx) {
        String type = String.valueOf(ctx.request().getHeader("Content-Type")).toLowerCase(java.util.Locale.ROOT);
        boolean isJson = type.startsWith("application/json");
        Signups.Request request;
        try {
            request = isJson ? fromJson(ctx) : fromForm(ctx);
        } catch (BadField e) {
            problem(ctx, 400, e.field, e.getMessage());
            return;
        } catch (RuntimeException | java.io.IOException e) {
            problem(ctx, 400, "body", "the request body is not a signup form or JSON object");
            return;
        }
        // The page answers in the language the form was shown in (its lang field), else the browser's.
        String in = language.of(
                isJson ? null : ctx.request().getFormAttribute("lang"),
                ctx.request().getHeader("Accept-Language"));
        io.herald.language.Words words = language.words(in);
        try {
            Signups.Outcome outcome = signups.request(request);
            if (outcome == Signups.Outcome.LIMITED) {
                ctx.response().putHeader("Retry-After", "3600");
                if (isJson) {
                    problem(ctx, 429, "email", "too many signup requests; try again later");
                } else {
                    page(
                            ctx,
                            429,
                            SignupResource.form(
                                            signups.openLists(), publication, "/subscribe", words.get("errorTooMany"))
                                    .setLocale(in)
                                    .render());
                }
                return;
            }
            if (isJson) {
                ctx.response()
                        .setStatusCode(202)
                        .putHeader("Content-Type", "application/json")
                        .end("{\"status\":\"check-your-inbox\",\"detail\":\"If the address can receive our emails, "
                                + "a confirmation link is on its way.\"}");
            } else {
                page(
                        ctx,
                        200,
                        SignupResource.Templates.check(publication)
                                .setLocale(in)
                                .render());
            }
        } catch (Signups.Invalid e) {
            if (isJson) {
                problem(ctx, 422, e.field(), e.getMessage());
            } else {
                try {
                    page(
                            ctx,
                            422,
                            SignupResource.form(signups.openLists(), publication, "/subscribe", formError(e, words))
                                    .setLocale(in)
                                    .render());
                } catch (java.sql.SQLException ex) {
                    ctx.fail(ex);
                }
            }
        } catch (java.sql.SQLException e) {
            ctx.fail(e);
        }
    }

    /**
     * What the form says was wrong: Herald's reasons are written in English, so an English page gives the exact one
     * ("the address contains line breaks"); a page in another language says which field to check, in its language.
     */
    private static String formError(Signups.Invalid e, io.herald.language.Words words) {
        if ("en".equals(words.language())) {
            return e.getMessage();
        }
        return words.get(
                switch (e.field()) {
                    case "lists" -> "errorLists";
                    case "timeZone" -> "errorTimeZone";
                    default -> "errorEmail";
                });
    }

    private Signups.Request fromForm(RoutingContext ctx) {
        var form = ctx.request().formAttributes();
        return new Signups.Request(
                form.get("email"),
                form.get("name"),
                form.getAll("list"),
                ip(ctx),
                form.get("website"),
                form.get("track-clicks") != null,
                form.get("time-zone"));
    }

    private Signups.Request fromJson(RoutingContext ctx) throws java.io.IOException {
        JsonNode body = json.readTree(ctx.body().asString());
        if (body == null || !body.isObject()) {
            throw new IllegalArgumentException("not an object");
        }
        body.fieldNames().forEachRemaining(name -> {
            if (!JSON_FIELDS.contains(name)) {
                throw new BadField(
                        name,
                        "unknown field: a signup has email, name, lists (or list, as the form names it), "
                                + "trackClicks and timeZone");
            }
        });
        // "lists": ["a","b"] or "list": "a" (the form's name): a list id given any other way would otherwise be
        // read as no choice at all, which means every open list.
        List<String> lists = new ArrayList<>();
        for (String field : List.of("lists", "list")) {
            JsonNode v = body.get(field);
            if (v == null || v.isNull()) {
                continue;
            }
            if (v.isTextual()) {
                lists.add(v.asText());
            } else if (v.isArray()) {
                for (JsonNode id : v) {
                    if (!id.isTextual()) {
                        throw new BadField(field, "must be a list of list ids (strings)");
                    }
                    lists.add(id.asText());
                }
            } else {
                throw new BadField(field, "must be a list id or a list of list ids");
            }
        }
        JsonNode track = body.get("trackClicks");
        if (track != null && !track.isNull() && !track.isBoolean()) {
            throw new BadField("trackClicks", "must be true or false");
        }
        return new Signups.Request(
                text(body, "email"),
                text(body, "name"),
                lists,
                ip(ctx),
                text(body, "website"),
                track != null && track.asBoolean(),
                text(body, "timeZone"));
    }

    private static final java.util.Set<String> JSON_FIELDS =
            java.util.Set.of("email", "name", "lists", "list", "website", "trackClicks", "timeZone");

    /** A JSON field Herald cannot take, named in the 400 answer. */
    private static final class BadField extends RuntimeException {
        final String field;

        BadField(String field, String reason) {
            super(reason);
            this.field = field;
        }
    }

    private static String text(JsonNode body, String field) {
        JsonNode v = body.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }

    private static String ip(RoutingContext ctx) {
        return ctx.request().remoteAddress() == null
                ? "unknown"
                : ctx.request().remoteAddress().hostAddress();
    }

    private static void page(RoutingContext ctx, int status, String html) {
        ctx.response()
                .setStatusCode(status)
                .putHeader("Content-Type", "text/html;charset=UTF-8")
                .putHeader("Content-Security-Policy", SecurityHeaders.PAGE_CSP)
                .end(html);
    }

    private void problem(RoutingContext ctx, int status, String field, String reason) {
        try {
            ctx.response()
                    .setStatusCode(status)
                    .putHeader("Content-Type", Problem.MEDIA_TYPE)
                    .end(json.writeValueAsString(
                            Problem.of(status, status == 429 ? "Too many requests" : "Invalid signup", field, reason)));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            ctx.fail(e);
        }
    }
}
