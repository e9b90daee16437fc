package io.herald.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import io.herald.common.Refusal;
import io.quarkus.logging.Log;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * Maps every error an endpoint can raise to application/problem+json naming the field and the reason; a reader's
 * browser on a public address that leads nowhere gets the publication's not-found page instead.
 */
public class ProblemMappers {

    /** Where staff work: a missing page there answers problem+json as before, whatever the client accepts. */
    private static final java.util.List<String> STAFF_PATHS =
            java.util.List.of("/api/", "/ops", "/preview", "/account", "/login", "/logout", "/welcome", "/sso", "/q/");

    private final Staff staff;
    private final ReaderLanguage language;

    ProblemMappers(Staff staff, ReaderLanguage language) {
        this.staff = staff;
        this.language = language;
    }

    /** The one place a refusal's kind becomes an HTTP status. */
    @ServerExceptionMapper
    public Response refused(
            Refusal e,
            jakarta.ws.rs.core.Request request,
            jakarta.ws.rs.core.UriInfo uri,
            jakarta.ws.rs.core.HttpHeaders headers) {
        // An address a reader's browser asked for that names nothing, or nothing valid (/archive/demo?page=zero).
        boolean asked = "GET".equals(request.getMethod()) || "HEAD".equals(request.getMethod());
        if (asked && e.kind() == Refusal.Kind.NOT_FOUND && forAReader(uri, headers)) {
            return notFoundPage(404, uri, headers);
        }
        if (asked && e.kind() == Refusal.Kind.INVALID && forAReader(uri, headers)) {
            return notFoundPage(400, uri, headers);
        }
        return respond(
                switch (e.kind()) {
                    case INVALID -> Problem.of(400, "Invalid request", e.field(), e.getMessage());
                    case UNPROCESSABLE -> Problem.of(422, "Invalid request", e.field(), e.getMessage());
                    case NOT_FOUND -> Problem.of(404, "Not found", e.field(), e.getMessage());
                    case CONFLICT -> Problem.of(409, "Conflict", e.field(), e.getMessage());
                    case TOO_LARGE -> Problem.of(413, "Too large", e.field(), e.getMessage());
                    case NOT_TEXT -> Problem.of(415, "Not text", e.field(), e.getMessage());
                    case FORBIDDEN -> Problem.of(403, "Forbidden", e.field(), e.getMessage());
                });
    }

    @io.quarkus.qute.CheckedTemplate
    static class Templates {
        static native io.quarkus.qute.TemplateInstance forbidden(String name, String role, String path);

        static native io.quarkus.qute.TemplateInstance notFound();
    }

    /**
     * A reader's browser (it asks for HTML) on a reader's page (not /api, not the staff pages): an old link, a link
     * cut short by a mail program, a mistyped article number. It gets a page in the publication's name and look and
     * the reader's language instead of problem+json; API clients and staff pages keep problem+json.
     */
    private static boolean forAReader(jakarta.ws.rs.core.UriInfo uri, jakarta.ws.rs.core.HttpHeaders headers) {
        String path = "/" + uri.getPath().replaceFirst("^/", "");
        if (STAFF_PATHS.stream().anyMatch(path::startsWith)) {
            return false;
        }
        return headers.getAcceptableMediaTypes().stream()
                .anyMatch(m -> "text".equals(m.getType()) && "html".equals(m.getSubtype()));
    }

    private Response notFoundPage(int status, jakarta.ws.rs.core.UriInfo uri, jakarta.ws.rs.core.HttpHeaders headers) {
        String in = language.of(
                uri.getQueryParameters().getFirst("lang"),
                headers.getHeaderString(jakarta.ws.rs.core.HttpHeaders.ACCEPT_LANGUAGE));
        return Response.status(status)
                .type(jakarta.ws.rs.core.MediaType.TEXT_HTML_TYPE.withCharset("UTF-8"))
                .entity(Templates.notFound().setLocale(in).render())
                .build();
    }

    /**
     * A signed-in person whose role does not cover the route: problem+json on /api, a page saying who they are and
     * what they may do elsewhere (both 403).
     */
    @ServerExceptionMapper
    public Response forbidden(io.quarkus.security.ForbiddenException e, jakarta.ws.rs.core.UriInfo uri) {
        String path = "/" + uri.getPath().replaceFirst("^/", "");
        String reason = staff.name() + " (" + (staff.role().isEmpty() ? "no role" : staff.role()) + ") may not do this";
        if (path.startsWith("/api/")) {
            return respond(Problem.of(403, "Forbidden", "role", reason));
        }
        return Response.status(403)
                .type(jakarta.ws.rs.core.MediaType.TEXT_HTML_TYPE.withCharset("UTF-8"))
                .entity(Templates.forbidden(staff.name(), staff.role(), path).render())
                .build();
    }

    @ServerExceptionMapper(priority = 1)
    public Response unreadableJson(MismatchedInputException e) {
        return respond(Problem.of(400, "Unreadable JSON", field(e), expected(e)));
    }

    /** Where in the body: "title", "channels[2]", or "body" for the body as a whole. */
    static String field(com.fasterxml.jackson.databind.JsonMappingException e) {
        StringBuilder path = new StringBuilder();
        for (com.fasterxml.jackson.databind.JsonMappingException.Reference r : e.getPath()) {
            if (r.getFieldName() != null) {
                path.append(path.length() == 0 ? "" : ".").append(r.getFieldName());
            } else if (r.getIndex() >= 0) {
                path.append('[').append(r.getIndex()).append(']');
            }
        }
        return path.length() == 0 || path.charAt(0) == '[' ? "body" + path : path.toString();
    }

    /** What the field should have been, in the API's words rather than Java's ("must be a string"). */
    static String expected(MismatchedInputException e) {
        String message = String.valueOf(e.getOriginalMessage());
        if (e instanceof com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException u) {
            return "unknown field; this body takes "
                    + String.join(
                            ", ",
                            u.getKnownPropertyIds().stream()
                                    .map(String::valueOf)
                                    .sorted()
                                    .toList());
        }
        if (message.startsWith("Cannot construct instance of")) {
            // A scalar where a list or an object belongs ("lists": "demo", or a string for the whole body).
            Class<?> target = e.getTargetType();
            boolean list = target != null && (java.util.Collection.class.isAssignableFrom(target) || target.isArray());
            return "must be " + (list ? "a list" : "a JSON object")
                    + (message.contains("from String value")
                            ? ", not a string"
                            : message.contains("from Number value") || message.contains("from Integer value")
                                    ? ", not a number"
                                    : "");
        }
        if (!message.startsWith("Cannot deserialize value of type") && !message.startsWith("Cannot coerce")) {
            // An unknown or repeated field, a missing value: Jackson's words name the field already.
            return message;
        }
        Class<?> type = e.getTargetType();
        String want = type == null
                ? null
                : type == String.class || type == Character.class || type == char.class
                        ? "a string"
                        : type == int.class
                                        || type == long.class
                                        || type == short.class
                                        || type == Integer.class
                                        || type == Long.class
                                        || type == Short.class
                                ? "a whole number"
                                : Number.class.isAssignableFrom(type) || type == double.class || type == float.class
                                        ? "a number"
                                        : type == Boolean.class || type == boolean.class
                                                ? "true or false"
                                                : java.util.Collection.class.isAssignableFrom(type) || type.isArray()
                                                        ? "a list"
                                                        : java.time.temporal.Temporal.class.isAssignableFrom(type)
                                                                ? "a date and time such as 2026-11-28T09:00:00+05:00"
                                                                : type.isEnum()
                                                                        ? "one of "
                                                                                + java.util.Arrays.toString(
                                                                                        type.getEnumConstants())
                                                                        : "an object";
        if (want == null) {
            return message;
        }
        String got = message.contains("from Array value")
                ? "a list"
                : message.contains("from Object value")
                        ? "an object"
                        : message.contains("from String value") || message.contains("from String \"")
                                ? "a string"
                                : message.contains("from Boolean value")
                                        ? "true or false"
                                        : message.contains("Floating-point value")
                                                ? "a fraction"
                                                : message.contains("from Integer value")
                                                        ? "a number"
                                                        : message.contains("from Null value")
                                                                        || message.contains("null value")
                                                                ? "null"
                                                                : null;
        return "must be " + want + (got == null || got.equals(want) ? "" : ", not " + got);
    }

    /** Any other way a body does not fit its record (Jackson calls it a definition problem): still the client's. */
    @ServerExceptionMapper(priority = 1)
    public Response unfitJson(com.fasterxml.jackson.databind.exc.InvalidDefinitionException e) {
        String field = e.getPath().isEmpty()
                ? "body"
                : e.getPath().get(e.getPath().size() - 1).getFieldName();
        return respond(Problem.of(400, "Unreadable JSON", field == null ? "body" : field, e.getOriginalMessage()));
    }

    @ServerExceptionMapper(priority = 1)
    public Response malformedJson(JsonProcessingException e) {
        return respond(Problem.of(400, "Malformed JSON", "body", whereItBroke(e)));
    }

    /**
     * What broke and where, in the body's own lines and columns: "Unexpected character (',' (code 44)) ... at line 1,
     * column 9". Jackson names its input source inside the message ("[Source: ...; line: 1, column: 1]"); that part
     * becomes the line and column alone.
     */
    static String whereItBroke(JsonProcessingException e) {
        String reason = String.valueOf(e.getOriginalMessage())
                .replaceAll("\\[Source: [^\\]]*?line: (\\d+), column: (\\d+)\\]", "line $1, column $2")
                .strip();
        com.fasterxml.jackson.core.JsonLocation at = e.getLocation();
        return at == null || at.getLineNr() < 1
                ? reason
                : reason + " at line " + at.getLineNr() + ", column " + at.getColumnNr();
    }

    /** An editor's template that does not parse or render: the template, line and reason, not a 500. */
    @ServerExceptionMapper
    public Response template(io.quarkus.qute.TemplateException e) {
        return respond(Problem.of(422, "Template does not render", "template", e.getMessage()));
    }

    @ServerExceptionMapper
    public Response web(
            WebApplicationException e, jakarta.ws.rs.core.UriInfo uri, jakarta.ws.rs.core.HttpHeaders headers) {
        int status = e.getResponse().getStatus();
        // A page number that is no number (/archive/demo?page=abc) leads a reader nowhere too.
        if ((status == 404 || e instanceof NumberParams.NotANumber) && forAReader(uri, headers)) {
            return notFoundPage(status, uri, headers);
        }
        if (e instanceof NumberParams.NotANumber refused) {
            return respond(refused.problem());
        }
        // The JSON reader reports a body that does not parse ({"a":1 cut short, a trailing comma) as a bare 400
        // with Jackson's exception as its cause: the client still needs to know what broke and where.
        for (Throwable cause = e.getCause(); status == 400 && cause != null; cause = cause.getCause()) {
            if (cause instanceof MismatchedInputException mismatch) {
                return unreadableJson(mismatch);
            }
            if (cause instanceof JsonProcessingException json) {
                return malformedJson(json);
            }
        }
        if (status < 400
                || Problem.MEDIA_TYPE.equals(String.valueOf(e.getResponse().getMediaType()))) {
            return e.getResponse();
        }
        return respond(Problem.of(status, e.getResponse().getStatusInfo().getReasonPhrase(), null, e.getMessage()));
    }

    @ServerExceptionMapper
    public Response unexpected(Exception e) {
        Log.error("Unexpected error", e);
        return respond(Problem.of(500, "Internal error", null, "Herald could not complete the request; see its log"));
    }

    static Response respond(Problem problem) {
        return Response.status(problem.status())
                .type(Problem.MEDIA_TYPE)
                .entity(problem)
                .build();
    }
}
