package io.herald.web;

import java.net.URI;
import java.sql.SQLException;
import java.util.Optional;

import io.herald.common.Refusal;
import io.herald.people.People;
import io.herald.security.StaffAccount;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * /welcome/{token}: where an invitation's link leads. The invited person chooses a password (held to the password
 * rules); the link then stops working and they sign in. An expired, used or altered link says so and changes
 * nothing.
 */
@Path("/welcome/{token}")
@PermitAll
@Produces(MediaType.TEXT_HTML)
public class WelcomeResource {

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance welcome(
                StaffAccount account, String token, int minLength, String error, String field);

        static native TemplateInstance expired();
    }

    private final People people;
    private final io.herald.security.PasswordRules rules;
    private final AuditNotes audit;

    WelcomeResource(People people, io.herald.security.PasswordRules rules, AuditNotes audit) {
        this.people = people;
        this.rules = rules;
        this.audit = audit;
    }

    @GET
    public Response page(@PathParam("token") String token) throws SQLException {
        Optional<StaffAccount> invited = people.invited(token);
        if (invited.isEmpty()) {
            return Response.status(410).entity(Templates.expired()).build();
        }
        // The site-wide Referrer-Policy (same-origin) keeps the link's token from other sites; "no-referrer" would
        // make the browser send "Origin: null" with the form, which SameOriginPosts rightly refuses.
        return Response.ok(Templates.welcome(invited.get(), token, rules.minLength(), null, null))
                .build();
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Audited("person.accept-invitation")
    public Response accept(
            @PathParam("token") String token,
            @FormParam("password") String password,
            @FormParam("repeat") String repeat)
            throws SQLException {
        Optional<StaffAccount> invited = people.invited(token);
        if (invited.isEmpty()) {
            return Response.status(410).entity(Templates.expired()).build();
        }
        String name = invited.get().name();
        audit.actor(name).target("person " + name);
        try {
            people.accept(token, password, repeat);
        } catch (Refusal e) {
            audit.put("refused", e.field() + ": " + e.getMessage());
            return Response.status("token".equals(e.field()) ? 410 : 422)
                    .entity(Templates.welcome(invited.get(), token, rules.minLength(), e.getMessage(), e.field()))
                    .build();
        }
        return Response.seeOther(URI.create("/login?welcome=" + name)).build();
    }
}
