package io.herald.web;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

import io.herald.common.Refusal;
import io.herald.people.People;
import io.herald.security.AccountStatus;
import io.herald.security.Role;
import io.herald.security.StaffAccount;
import io.herald.subscriber.MailingList;
import io.herald.subscriber.MailingLists;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
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

/** /ops/people: admins see everyone, invite, change roles and lists, disable and remove (CSRF-checked forms). */
@Path("/ops/people")
@RolesAllowed("admin")
@Produces(MediaType.TEXT_HTML)
public class OpsPeopleResource {

    static final int PAGE = 50;

    /** One page of people and what the forms offer. */
    public record View(
            List<StaffAccount> people,
            List<MailingList> lists,
            List<Role> roles,
            int page,
            boolean more,
            long total,
            String message,
            String error) {}

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance people(View view);
    }

    private final People people;
    private final MailingLists lists;
    private final Staff staff;
    private final AuditNotes audit;

    OpsPeopleResource(People people, MailingLists lists, Staff staff, AuditNotes audit) {
        this.people = people;
        this.lists = lists;
        this.staff = staff;
        this.audit = audit;
    }

    @GET
    public TemplateInstance page(
            @QueryParam("page") Integer page, @QueryParam("message") String message, @QueryParam("error") String error)
            throws SQLException {
        int p = page == null || page < 1 ? 1 : page;
        List<StaffAccount> shown = people.page((p - 1) * PAGE, PAGE + 1);
        return Templates.people(new View(
                shown.size() > PAGE ? shown.subList(0, PAGE) : shown,
                lists.all(),
                List.of(Role.values()),
                p,
                shown.size() > PAGE,
                people.count(),
                message,
                error));
    }

    @POST
    @Path("invite")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Audited("person.invite")
    public Response invite(
            @FormParam("name") String name,
            @FormParam("email") String email,
            @FormParam("role") String role,
            @FormParam("list") List<String> listIds) {
        audit.target("person " + name).put("role", role).put("lists", listIds);
        return done(() -> {
            StaffAccount made = people.invite(
                    name == null ? null : name.strip(),
                    email,
                    PeopleResource.role(role),
                    listIds == null ? List.of() : listIds,
                    staff.name());
            return "Invited " + made.name() + " (" + made.role().text() + "): the link went to " + made.email() + ".";
        });
    }

    @POST
    @Path("{name}")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Audited("person.change")
    public Response change(
            @PathParam("name") String name,
            @FormParam("role") String role,
            @FormParam("status") String status,
            @FormParam("list") List<String> listIds) {
        audit.target("person " + name);
        return done(() -> {
            StaffAccount[] result = people.change(
                    name,
                    new People.Change(
                            Optional.ofNullable(role).map(PeopleResource::role),
                            Optional.ofNullable(status).map(PeopleResource::status),
                            Optional.empty(),
                            Optional.of(listIds == null ? List.of() : listIds)),
                    staff.name());
            PeopleResource.noteChange(audit, result[0], result[1]);
            return "Saved " + name + ": " + result[1].role().text() + ", "
                    + result[1].status().text()
                    + (result[1].status() == AccountStatus.DISABLED ? " (signed out everywhere)." : ".");
        });
    }

    @POST
    @Path("{name}/invitation")
    @Audited("person.reinvite")
    public Response reinvite(@PathParam("name") String name) {
        audit.target("person " + name);
        return done(() -> "A new invitation went to "
                + people.reinvite(name, staff.name()).email() + ".");
    }

    @POST
    @Path("{name}/remove")
    @Audited("person.remove")
    public Response remove(@PathParam("name") String name) {
        audit.target("person " + name);
        return done(() -> "Removed " + people.remove(name, staff.name()).name() + ".");
    }

    private interface Action {
        String run() throws SQLException;
    }

    /** Runs the form's action and goes back to the page with what happened, or why it did not. */
    private Response done(Action action) {
        String query;
        try {
            query = "message=" + encode(action.run());
        } catch (Refusal e) {
            audit.put("refused", e.field() + ": " + e.getMessage());
            query = "error=" + encode(e.field() + ": " + e.getMessage());
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return Response.seeOther(URI.create("/ops/people?" + query)).build();
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
