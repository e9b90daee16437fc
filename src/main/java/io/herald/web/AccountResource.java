package io.herald.web;

import java.net.URI;
import java.sql.SQLException;

import io.herald.common.Refusal;
import io.herald.people.People;
import io.herald.security.StaffAccount;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * /account: the signed-in person's own account (name, role, lists) and the change-password form. A new password
 * ends every session of the person, this one included: they sign in again with it.
 */
@Path("/account")
@RolesAllowed("viewer")
@Produces(MediaType.TEXT_HTML)
public class AccountResource {

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance account(StaffAccount account, int minLength, String error, String field);
    }

    private final People people;
    private final Staff staff;
    private final io.herald.security.PasswordRules rules;

    AccountResource(People people, Staff staff, io.herald.security.PasswordRules rules) {
        this.people = people;
        this.staff = staff;
        this.rules = rules;
    }

    @GET
    public TemplateInstance page() throws SQLException {
        return Templates.account(people.get(staff.name()), rules.minLength(), null, null);
    }

    @POST
    @Path("password")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Audited("person.password")
    public Response changePassword(
            @FormParam("current") String current,
            @FormParam("password") String password,
            @FormParam("repeat") String repeat)
            throws SQLException {
        try {
            people.changePassword(staff.name(), current, password, repeat);
        } catch (Refusal e) {
            return Response.status(422)
                    .entity(Templates.account(people.get(staff.name()), rules.minLength(), e.getMessage(), e.field()))
                    .build();
        }
        return LoginResource.signedOut(URI.create("/login?changed=1"));
    }
}
