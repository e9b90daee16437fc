package io.herald.web;

import java.net.URI;
import java.sql.SQLException;
import java.util.List;

import io.herald.Distribution;
import io.herald.SendControl;
import io.herald.SubjectTesting;
import io.herald.common.Refusal;
import io.herald.delivery.DeliveryReport;
import io.herald.delivery.SendPlanner;
import io.herald.delivery.SubjectTest;
import io.smallrye.mutiny.Multi;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
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

    SendResource(
            Distribution distribution,
            SendControl sends,
            Staff staff,
            AuditNotes audit,
            SendEvents events,
            WaitingReasons waiting,
            SendFigures figures,
            SubjectTesting subjectTesting) {
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
     * whether only to rehearse it.
     */
    public record SendRequest(
            @Positive Long article,
            @Size(max = 50) List<@NotNull @Positive Long> articles,
            @NotBlank String list,
            boolean dryRun,

            @Size(min = 2, max = 4, message = "a subject test tries 2 to 4 subjects")
            List<@NotBlank @Size(max = 200) @Pattern(regexp = "[^\\r\\n]*", message = "a subject is one line") String>
                    subjects,

            @Min(value = 1, message = "the share of the list in the test is a percentage from 1 to 90")
            @Max(value = 90, message = "the share of the list in the test is a percentage from 1 to 90")
            Integer testShare,

            @Min(value = 5, message = "a subject test lasts 5 minutes to 7 days (10080 minutes)")
            @Max(value = 10080, message = "a subject test lasts 5 minutes to 7 days (10080 minutes)")
            Integer testMinutes) {

        /** The share of the list a subject test sends to, in percent, unless the request names one. */
        static final int DEFAULT_SHARE = 20;

        /** How long a subject test waits for clicks, unless the request says. */
        static final int DEFAULT_MINUTES = 240;

        @AssertTrue(message = "name either article or articles, not both and not neither")
        public boolean isArticleOrArticles() {
            return (article == null) != (articles == null || articles.isEmpty());
        }

        @AssertTrue(message = "testShare and testMinutes belong to a subject test: give subjects too")
        public boolean isTestWithSubjects() {
            return subjects != null || (testShare == null && testMinutes == null);
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
    public Response start(@NotNull @Valid SendRequest request) throws SQLException {
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
