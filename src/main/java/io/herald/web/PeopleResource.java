package io.herald.web;

import java.net.URI;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

import io.herald.common.Refusal;
import io.herald.people.People;
import io.herald.security.AccountStatus;
import io.herald.security.Role;
import io.herald.security.StaffAccount;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

/**
 * /api/users: admins invite people, change their role, lists or status, and remove them. An invitation is an email
 * with a single-use link to choose a password; a change ends the person's open sessions.
 */
@Path("/api/users")
@RolesAllowed("admin")
@Produces(MediaType.APPLICATION_JSON)
public class PeopleResource {

    /** An invitation: who, where to send it, their role and (optionally) the only lists they may send to. */
    public record Invite(String name, String email, String role, List<String> lists) {}

    /** A change; fields left out stay as they are. */
    public record Change(String role, String status, String email, List<String> lists) {}

    private final People people;
    private final Staff staff;
    private final AuditNotes audit;

    PeopleResource(People people, Staff staff, AuditNotes audit) {
        this.people = people;
        this.staff = staff;
        this.audit = audit;
    }

    /** People by name, a page at a time: ?limit=100&after=<name>. */
    @GET
    public Response list(@QueryParam("limit") Integer limit, @QueryParam("after") String after, @Context UriInfo uri)
            throws SQLException {
        int n = Paging.limit(limit);
        List<StaffAccount> all = people.page(0, Integer.MAX_VALUE);
        return Paging.inMemory(all, n, after, uri, StaffAccount::name);
    }

    @GET
    @Path("{name}")
    public StaffAccount get(@PathParam("name") String name) throws SQLException {
        return people.get(name);
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Audited("person.invite")
    public Response invite(Invite invite) throws SQLException {
        if (invite == null) {
            throw Refusal.invalid("body", "send {\"name\", \"email\", \"role\"} and optionally \"lists\"");
        }
        audit.target("person " + invite.name()).put("role", invite.role()).put("lists", invite.lists());
        StaffAccount made =
                people.invite(invite.name(), invite.email(), role(invite.role()), invite.lists(), staff.name());
        return Response.created(URI.create("/api/users/" + made.name()))
                .entity(made)
                .build();
    }

    @POST
    @Path("{name}/invitation")
    @Audited("person.reinvite")
    public StaffAccount reinvite(@PathParam("name") String name) throws SQLException {
        audit.target("person " + name);
        return people.reinvite(name, staff.name());
    }

    @PUT
    @Path("{name}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Audited("person.change")
    public StaffAccount change(@PathParam("name") String name, Change change) throws SQLException {
        if (change == null) {
            throw Refusal.invalid("body", "send any of \"role\", \"status\", \"email\", \"lists\"");
        }
        audit.target("person " + name);
        StaffAccount[] result = people.change(
                name,
                new People.Change(
                        Optional.ofNullable(change.role()).map(PeopleResource::role),
                        Optional.ofNullable(change.status()).map(PeopleResource::status),
                        Optional.ofNullable(change.email()),
                        Optional.ofNullable(change.lists())),
                staff.name());
        noteChange(audit, result[0], result[1]);
        return result[1];
    }

    @DELETE
    @Path("{name}")
    @Audited("person.remove")
    public StaffAccount remove(@PathParam("name") String name) throws SQLException {
        audit.target("person " + name);
        StaffAccount removed = people.remove(name, staff.name());
        audit.put("role", removed.role().text());
        return removed;
    }

    static void noteChange(AuditNotes audit, StaffAccount before, StaffAccount after) {
        audit.change("role", before.role().text(), after.role().text())
                .change("status", before.status().text(), after.status().text())
                .change("email", before.email(), after.email())
                .change("lists", before.lists(), after.lists());
    }

    static Role role(String text) {
        return Role.parse(text).orElseThrow(() -> Refusal.invalid("role", "must be " + Role.choices()));
    }

    static AccountStatus status(String text) {
        return switch (String.valueOf(text).trim().toLowerCase(java.util.Locale.ROOT)) {
            case "active" -> AccountStatus.ACTIVE;
            case "disabled" -> AccountStatus.DISABLED;
            default -> throw Refusal.invalid("status", "must be active or disabled");
        };
    }
}
