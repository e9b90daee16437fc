package io.herald.web;

import java.net.URI;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.NewCookie;
import jakarta.ws.rs.core.Response;

/**
 * The sign-in page for editors and ops. The form posts to Quarkus's form authentication (/j_security_check), which
 * checks the password against Herald's users and sets an encrypted session cookie (HttpOnly, SameSite=Strict).
 */
@Path("/")
@PermitAll
@Produces(MediaType.TEXT_HTML)
public class LoginResource {

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance login(boolean error);
    }

    @GET
    @Path("login")
    public TemplateInstance login(@QueryParam("error") String error) {
        return Templates.login(error != null);
    }

    /** Signs out: the session cookie is dropped. */
    @POST
    @Path("logout")
    public Response logout() {
        return Response.seeOther(URI.create("/login"))
                .cookie(new NewCookie.Builder("herald-session")
                        .path("/")
                        .maxAge(0)
                        .value("")
                        .httpOnly(true)
                        .build())
                .build();
    }
}
