package io.herald.web;

import java.net.URI;
import java.sql.SQLException;
import java.util.List;

import io.herald.Distribution;
import io.herald.SendControl;
import io.herald.SubjectTesting;
import io.herald.common.Refusal;
import io.herald.delivery.DeliveryReport;
import io.herald.delivery.SendHistory;
import io.herald.delivery.SendPlanner;
import io.herald.delivery.SendStatus;
import io.herald.delivery.SubjectTest;
import io.smallrye.mutiny.Multi;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.jboss.resteasy.reactive.RestStreamElementType;

/** /api/sends: ops start a send of an article to a list and watch it. */
@Path("/api/sends")
@RolesAllowed("ops")
@Produces(MediaType.APPLICATION_JSON)
public class SendResource {

    private final Distribution distribution;
    private final SendControl sends;
    private final Staff staff;
    private final AuditNotes audit;

    private final SendEvents events;
    private final WaitingReasons waiting;
    private final SendFigures figures;
    private final SubjectTesting subjectTesting;
    private final SendHistory history;

    SendResource(
            Distribution distribution,
            SendControl sends,
            Staff staff,
            AuditNotes audit,
            SendEvents events,
            WaitingReasons waiting,
            SendFigures figures,
            SubjectTesting subjectTesting,
            SendHistory history) {
        this.history = history;
        this.subjectTesting = subjectTesting;
        this.figures = figures;
        this.waiting = waiting;
        this.events = events;
        this.distribution = distribution;
        this.sends = sends;
        this.staff = staff;
        this.audit = audit;
    }

    /**
     * Start a send: which article (or which articles, as one digest edition, in that order) to which list, and
     * whether only to rehearse it. {@link #check} holds the rules; the resource refuses a request that breaks one with
     * the field and the reason (problem+json), like every other request.
     */
    public record SendRequest(
            Long article,
            List<Long> articles,
            String list,
            boolean dryRun,
            List<String> subjects,
            Integer testShare,
            Integer testMinutes) {

        /** The share of the list a subject test sends to, in percent, unless the request names one. */
        static final int DEFAULT_SHARE = 20;

        /** How long a subject test waits for clicks, unless the request says. */
        static final int DEFAULT_MINUTES = 240;

        /** The most articles one edition gathers. */
        static final int MAX_ARTICLES = 50;

        /** The longest subject a test tries, in characters. */
        static final int MAX_SUBJECT = 200;

        /** The first rule the request breaks, as a refusal naming its field; nothing when it keeps them all. */
        void check() {
            if ((article == null) == (articles == null || articles.isEmpty())) {
                throw Refusal.invalid("article", "name either article or articles, not both and not neither");
            }
            if (article != null && article < 1) {
                throw Refusal.invalid("article", "an article id is a whole number from 1");
            }
            if (articles != null) {
                if (articles.size() > MAX_ARTICLES) {
                    throw Refusal.invalid("articles", "an edition gathers at most " + MAX_ARTICLES + " articles");
                }
                for (int i = 0; i < articles.size(); i++) {
                    if (articles.get(i) == null || articles.get(i) < 1) {
                        throw Refusal.invalid("articles[" + i + "]", "an article id is a whole number from 1");
                    }
                }
            }
            if (list == null || list.isBlank()) {
                throw Refusal.invalid("list", "name the list to send to");
            }
            if (subjects == null) {
                if (testShare != null || testMinutes != null) {
                    throw Refusal.invalid(
                            "subjects", "testShare and testMinutes belong to a subject test: give subjects too");
                }
                return;
            }
            if (subjects.size() < 2 || subjects.size() > 4) {
                throw Refusal.invalid("subjects", "a subject test tries 2 to 4 subjects");
            }
            for (int i = 0; i < subjects.size(); i++) {
                String subject = subjects.get(i);
                String field = "subjects[" + i + "]";
                if (subject == null || subject.isBlank()) {
                    throw Refusal.invalid(field, "a subject has words in it");
                }
                if (subject.length() > MAX_SUBJECT) {
                    throw Refusal.invalid(field, "a subject is at most " + MAX_SUBJECT + " characters");
                }
                if (subject.indexOf('\r') >= 0 || subject.indexOf('\n') >= 0) {
                    throw Refusal.invalid(field, "a subject is one line");
                }
            }
            if (testShare != null && (testShare < 1 || testShare > 90)) {
                throw Refusal.invalid("testShare", "the share of the list in the test is a percentage from 1 to 90");
            }
            if (testMinutes != null && (testMinutes < 5 || testMinutes > 10080)) {
                throw Refusal.invalid("testMinutes", "a subject test lasts 5 minutes to 7 days (10080 minutes)");
            }
        }

        List<Long> edition() {
            return article != null ? List.of(article) : articles;
        }

        SubjectTest subjectTest() {
            return subjects == null
                    ? null
                    : new SubjectTest(
                            subjects.stream().map(String::strip).toList(),
                            testShare == null ? DEFAULT_SHARE : testShare,
                            java.time.Duration.ofMinutes(testMinutes == null ? DEFAULT_MINUTES : testMinutes));
        }
    }

    /** The answer to a start: the send's id, whether it is new, and where to watch it. */
    public record SendStarted(long id, boolean created, String location) {}

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Audited("send.start")
    public Response start(SendRequest request) throws SQLException {
        if (request == null) {
            throw Refusal.invalid("body", "the request has no JSON body");
        }
        request.check();
        audit.put("list", request.list()).put("articles", request.edition()).put("dryRun", request.dryRun());
        staff.mayUse(request.list());
        if (request.subjects() != null) {
            audit.put("subjects", request.subjects());
        }
        SendPlanner.Plan plan = distribution.start(
                request.edition(), request.list(), request.dryRun(), staff.name(), request.subjectTest());
        audit.target("send " + plan.sendId()).put("created", plan.created());
        return Response.accepted(new SendStarted(plan.sendId(), plan.created(), "/api/sends/" + plan.sendId()))
                .location(URI.create("/api/sends/" + plan.sendId()))
                .build();
    }

    /** A send in the list of sends: its row as stored (its fields at the top level), and where its report is. */
    public record SendListed(
            @com.fasterxml.jackson.annotation.JsonUnwrapped SendHistory.SendRow send, String location) {

        static SendListed of(SendHistory.SendRow r) {
            return new SendListed(r, "/api/sends/" + r.id());
        }
    }

    /**
     * Every send, newest first, a page at a time (?limit=100&before=<id>), of one list (?list=) and in one status
     * (?status=sending) when asked: how a script finds the send a schedule started. The rows are not counted here
     * (a send's counts are its report's, at its location), so a page costs the same on a ledger of any size.
     */
    @GET
    public Response list(
            @QueryParam("limit") Integer limit,
            @QueryParam("before") Long before,
            @QueryParam("list") String list,
            @QueryParam("status") String status,
            @Context UriInfo uri)
            throws SQLException {
        int n = Paging.limit(limit);
        SendStatus asked = status == null || status.isBlank() ? null : statusNamed(status);
        String of = list == null || list.isBlank() ? null : list;
        List<SendListed> page = history.sends(before, of, asked, n + 1).stream()
                .map(SendListed::of)
                .toList();
        return Paging.page(
                page,
                n,
                history.sendCount(of, asked),
                uri,
                "before",
                l -> l.send().id());
    }

    private static SendStatus statusNamed(String text) {
        for (SendStatus s : SendStatus.values()) {
            if (s.text().equals(text.strip())) {
                return s;
            }
        }
        throw Refusal.invalid(
                "status",
                "must be one of "
                        + java.util.Arrays.stream(SendStatus.values())
                                .map(SendStatus::text)
                                .collect(java.util.stream.Collectors.joining(", "))
                        + ", not \"" + text + "\"");
    }

    @GET
    @Path("{id}")
    public SendFigures.SendWithInsight get(@PathParam("id") long id) throws SQLException {
        DeliveryReport report = report(id);
        return new SendFigures.SendWithInsight(
                report, figures.of(report), subjectTesting.report(id).orElse(null));
    }

    private DeliveryReport report(long id) throws SQLException {
        return waiting.send(sends.report(id).orElseThrow(() -> Refusal.notFound("id", "no send " + id)));
    }

    /** The send's report every second until it is finished or cancelled (the last event is the final report). */
    @GET
    @Path("{id}/events")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @RestStreamElementType(MediaType.APPLICATION_JSON)
    public Multi<DeliveryReport> events(@PathParam("id") long id) throws SQLException {
        return events.stream(id);
    }

    @POST
    @Path("{id}/pause")
    @Audited("send.pause")
    public DeliveryReport pause(@PathParam("id") long id) throws SQLException {
        mayControl(id);
        if (!sends.pause(id, staff.name())) {
            throw conflict(id, "only a planned or sending send can be paused");
        }
        return report(id);
    }

    @POST
    @Path("{id}/resume")
    @Audited("send.resume")
    public DeliveryReport resume(@PathParam("id") long id) throws SQLException {
        mayControl(id);
        if (!sends.resume(id)) {
            throw conflict(id, "only a paused send can be resumed");
        }
        return report(id);
    }

    @POST
    @Path("{id}/cancel")
    @Audited("send.cancel")
    public DeliveryReport cancel(@PathParam("id") long id) throws SQLException {
        mayControl(id);
        if (!sends.cancel(id, staff.name())) {
            throw conflict(id, "a finished or cancelled send cannot be cancelled");
        }
        return report(id);
    }

    /** A send to a list outside the person's rights is not theirs to pause, resume or cancel. */
    private void mayControl(long id) throws SQLException {
        audit.target("send " + id);
        staff.mayUse(report(id).list());
    }

    private WebApplicationException conflict(long id, String reason) throws SQLException {
        String status = report(id).status().text();
        return new WebApplicationException(ProblemMappers.respond(
                Problem.of(409, "Conflict", "status", reason + " (send " + id + " is " + status + ")")));
    }
}
