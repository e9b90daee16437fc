package io.herald.web;

import java.sql.SQLException;
import java.util.List;

import io.herald.insight.ListActivity;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** What a list did, day by day: the page at /ops/lists/{id} (?days=30, at most 366) and its CSV. */
@Path("/ops/lists")
@RolesAllowed("ops")
@Produces(MediaType.TEXT_HTML)
public class OpsListsResource {

    private final ListFigures figures;

    OpsListsResource(ListFigures figures) {
        this.figures = figures;
    }

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance list(ListFigures.Page view);
    }

    @GET
    @Path("{id}")
    public TemplateInstance page(@PathParam("id") String id, @QueryParam("days") Integer days) throws SQLException {
        return Templates.list(figures.page(id, days));
    }

    @GET
    @Path("{id}/days.csv")
    @Produces("text/csv")
    public Response csv(@PathParam("id") String id, @QueryParam("days") Integer days) throws SQLException {
        return CsvTables.of(
                "list-" + id + "-days.csv",
                List.of("day", "members", "signups", "confirmations", "unsubscribes", "listed", "removed", "bounces"),
                figures.days(id, days).stream()
                        .map(d -> List.<Object>of(
                                d.day().toString(),
                                d.members(),
                                d.signups(),
                                d.confirmations(),
                                d.unsubscribes(),
                                d.listed(),
                                d.removed(),
                                d.bounces()))
                        .toList());
    }

    /** The same days as JSON. */
    @GET
    @Path("{id}/days")
    @Produces(MediaType.APPLICATION_JSON)
    public List<ListActivity.Day> days(@PathParam("id") String id, @QueryParam("days") Integer days)
            throws SQLException {
        return figures.days(id, days);
    }
}
