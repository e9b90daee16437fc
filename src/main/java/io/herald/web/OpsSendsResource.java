package io.herald.web;

import java.net.URI;
import java.sql.SQLException;
import java.util.List;

import io.herald.Distribution;
import io.herald.SendControl;
import io.herald.common.Refusal;
import io.herald.delivery.DeliveryReport;
import io.herald.delivery.SendPlanner;
import io.herald.delivery.SubjectTest;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.smallrye.mutiny.Multi;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.RestStreamElementType;

/** /ops/sends: the confirmed manual send, pause, resume and cancel, and a send's live progress (ops, CSRF-checked forms). */
@Path("/ops/sends")
@RolesAllowed("ops")
@Produces(MediaType.TEXT_HTML)
public class OpsSendsResource {

    private final Distribution distribution;
    private final SendControl sendControl;
    private final SendEvents events;
    private final Staff staff;
    private final AuditNotes audit;
    private final SendFigures figures;

    OpsSendsResource(
            Distribution distribution,
            SendControl sendControl,
            SendEvents events,
            Staff staff,
            AuditNotes audit,
            SendFigures figures) {
        this.figures = figures;
        this.distribution = distribution;
        this.sendControl = sendControl;
        this.events = events;
        this.staff = staff;
        this.audit = audit;
    }

    /** Step two: the confirmed send. */
    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Audited("send.start")
    public Response start(
            @FormParam("article") List<Long> articleIds,
            @FormParam("list") String listId,
            @FormParam("subject") List<String> subjects,
            @FormParam("test-share") String testShare,
            @FormParam("test-minutes") String testMinutes)
            throws SQLException {
        audit.put("list", listId).put("articles", articleIds);
        if (articleIds == null || articleIds.isEmpty() || listId == null) {
            return refused("Choose articles and a list.");
        }
        if (!staff.lists().isEmpty() && !staff.lists().contains(listId)) {
            return refused("You may send to " + String.join(", ", staff.lists()) + " only.");
        }
        // The confirm form's "Test subjects first": the filled subject fields, the share and the wait.
        List<String> tried = subjects == null
                ? List.of()
                : subjects.stream().map(String::strip).filter(t -> !t.isEmpty()).toList();
        SubjectTest test = null;
        if (!tried.isEmpty()) {
            int share = number(testShare, SendResource.SendRequest.DEFAULT_SHARE);
            int minutes = number(testMinutes, SendResource.SendRequest.DEFAULT_MINUTES);
            if (tried.size() < 2 || tried.size() > 4) {
                return refused("A subject test tries 2 to 4 subjects; fill in at least two, or none.");
            }
            if (tried.stream().anyMatch(t -> t.length() > 200 || t.contains("\n") || t.contains("\r"))) {
                return refused("A subject is one line of at most 200 characters.");
            }
            if (share < 1 || share > 90 || minutes < 5 || minutes > 10080) {
                return refused("The test's share is 1 to 90 percent of the list and it lasts 5 to 10080 minutes.");
            }
            test = new SubjectTest(tried, share, java.time.Duration.ofMinutes(minutes));
            audit.put("subjects", tried);
        }
        SendPlanner.Plan plan;
        try {
            plan = distribution.start(articleIds, listId, false, staff.name(), test);
        } catch (Refusal e) {
            return refused(e.getMessage());
        }
        audit.target("send " + plan.sendId()).put("created", plan.created());
        String message = plan.created()
                ? "Send " + plan.sendId() + " started."
                : "That edition already went to this list (send " + plan.sendId() + "); nothing was sent again.";
        return Response.seeOther(URI.create(
                        "/ops?message=" + java.net.URLEncoder.encode(message, java.nio.charset.StandardCharsets.UTF_8)
                                + "#send-" + plan.sendId()))
                .build();
    }

    @POST
    @Path("{id}/{action: pause|resume|cancel}")
    @Audited("send.control")
    public Response control(@PathParam("id") long id, @PathParam("action") String action) throws SQLException {
        audit.target("send " + id).action("send." + action);
        String list = report(id).list();
        if (!staff.lists().isEmpty() && !staff.lists().contains(list)) {
            return refused("Send " + id + " goes to " + list + ", which is not one of your lists.");
        }
        String by = staff.name();
        boolean done = switch (action) {
            case "pause" -> sendControl.pause(id, by);
            case "resume" -> sendControl.resume(id);
            default -> sendControl.cancel(id, by);
        };
        return done
                ? OpsResource.back("Send " + id + ": " + action + " done.", null)
                : OpsResource.back(null, "Send " + id + " cannot " + action + " now.");
    }

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance send(SendFigures.Page view);
    }

    /** What the send did: figures, charts and tables, the links a page of 50 at a time. */
    @GET
    @Path("{id}")
    public TemplateInstance page(@PathParam("id") long id, @QueryParam("page") Integer page) throws SQLException {
        return Templates.send(figures.page(report(id), page));
    }

    /** One table of the page as CSV: summary, links, rate, bounces, refusals or teasers. */
    @GET
    @Path("{id}/{table: summary|links|rate|bounces|refusals|teasers}.csv")
    @Produces("text/csv")
    public Response csv(@PathParam("id") long id, @PathParam("table") String table) throws SQLException {
        return figures.csv(report(id), table);
    }

    /** Back to /ops with the reason; the audit entry keeps the reason too (the answer is a redirect either way). */
    /** A number field of the form: its default when left empty, -1 (refused by the range check) when not a number. */
    private static int number(String field, int otherwise) {
        if (field == null || field.isBlank()) {
            return otherwise;
        }
        try {
            return Integer.parseInt(field.strip());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private Response refused(String reason) {
        audit.put("refused", reason);
        return OpsResource.back(null, reason);
    }

    private DeliveryReport report(long id) throws SQLException {
        return sendControl.report(id).orElseThrow(() -> Refusal.notFound("id", "no send " + id));
    }

    @GET
    @Path("{id}/events")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @RestStreamElementType(MediaType.APPLICATION_JSON)
    public Multi<DeliveryReport> progress(@PathParam("id") long id) throws SQLException {
        return events.stream(id);
    }
}
