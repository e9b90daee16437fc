package io.herald.web;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.StandardCopyOption;
import java.sql.SQLException;
import java.time.Clock;
import java.util.List;

import io.herald.common.Refusal;
import io.herald.subscriber.MailingList;
import io.herald.subscriber.MailingLists;
import io.herald.subscriber.MemberImports;
import io.herald.subscriber.SubscriberFileReader;
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

/** Lists, and importing members into one with a CSV body (the members.csv format, streamed, never held whole). */
@Path("/api/lists")
@RolesAllowed("editor")
@Produces(MediaType.APPLICATION_JSON)
public class ListResource {

    /** One rejected row. */
    public record Rejected(long line, String reason) {}

    /** What an import did; {@code remarks} are about rows that loaded (a time zone Herald does not know). */
    public record ImportJson(
            String list,
            int added,
            int updated,
            int unchanged,
            List<Rejected> rejected,
            List<Rejected> remarks,
            List<String> roleAccounts) {}

    private final MemberImports memberImports;
    private final MailingLists mailingLists;
    private final Clock clock;

    private final Staff staff;
    private final AuditNotes audit;

    ListResource(MemberImports memberImports, MailingLists mailingLists, Clock clock, Staff staff, AuditNotes audit) {
        this.staff = staff;
        this.audit = audit;
        this.memberImports = memberImports;
        this.mailingLists = mailingLists;
        this.clock = clock;
    }

    /** By id, a page at a time: ?limit=100&after=<id>; X-Total-Count and a Link to the next page. */
    @GET
    public Response lists(
            @QueryParam("limit") Integer limit,
            @QueryParam("after") String after,
            @jakarta.ws.rs.core.Context jakarta.ws.rs.core.UriInfo uri)
            throws SQLException {
        return Paging.inMemory(mailingLists.all(), Paging.limit(limit), after, uri, MailingList::id);
    }

    @POST
    @Path("{id}/members")
    @RolesAllowed("ops")
    @Audited("list.import")
    @Consumes({"text/csv", MediaType.TEXT_PLAIN})
    public ImportJson importMembers(@PathParam("id") String listId, InputStream body) throws SQLException, IOException {
        mailingLists.find(listId).orElseThrow(() -> Refusal.notFound("id", "no list " + listId));
        audit.target("list " + listId);
        staff.mayUse(listId);
        java.nio.file.Path csv = Files.createTempFile("herald-import-", ".csv");
        try {
            Files.copy(body, csv, StandardCopyOption.REPLACE_EXISTING);
            if (Files.size(csv) == 0) {
                throw new Refusal(
                        Refusal.Kind.INVALID, "body", "the CSV body is empty: send a header row (email,name) and rows");
            }
            MemberImports.ImportReport report =
                    memberImports.importCsv(listId, csv, new SubscriberFileReader(), clock.instant());
            // No email column: not one row could be read, which is a bad request, not a list of bad rows.
            for (var problem : report.rejected()) {
                if (problem.reason().startsWith(SubscriberFileReader.NO_EMAIL_COLUMN)) {
                    throw new Refusal(
                            Refusal.Kind.UNPROCESSABLE, "body", "line " + problem.line() + ": " + problem.reason());
                }
            }
            return new ImportJson(
                    listId,
                    report.added(),
                    report.updated(),
                    report.unchanged(),
                    report.rejected().stream()
                            .map(p -> new Rejected(p.line(), p.reason()))
                            .toList(),
                    report.remarks().stream()
                            .map(p -> new Rejected(p.line(), p.reason()))
                            .toList(),
                    report.roleAccounts());
        } finally {
            Files.deleteIfExists(csv);
        }
    }
}
