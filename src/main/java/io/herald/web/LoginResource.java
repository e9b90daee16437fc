package io.herald.web;

import java.net.URI;

import io.herald.security.UserAccounts;
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
 * The sign-in page for the newsroom's people. The form posts to Quarkus's form authentication (/j_security_check), which
 * checks the password against Herald's users and sets an encrypted session cookie (HttpOnly, SameSite=Strict).
 */
@Path("/")
@PermitAll
@Produces(MediaType.TEXT_HTML)
public class LoginResource {

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance login(boolean error, boolean changed, String welcome, boolean sso);
    }

    @GET
    @Path("login")
    public TemplateInstance login(
            @QueryParam("error") String error,
            @QueryParam("changed") String changed,
            @QueryParam("welcome") String welcome) {
        String name = welcome != null && welcome.matches("[a-z0-9._-]{2,64}") ? welcome : null;
        boolean sso = org.eclipse.microprofile.config.ConfigProvider.getConfig()
                .getOptionalValue("quarkus.oidc.tenant-enabled", Boolean.class)
                .orElse(false);
        return Templates.login(error != null, changed != null, name, sso);
    }

    private final UserAccounts accounts;
    private final Staff staff;

    LoginResource(UserAccounts accounts, Staff staff) {
        this.accounts = accounts;
        this.staff = staff;
    }

    /**
     * Signs out: the cookie is dropped, and the person's account gets a new session stamp, so a copy of the cookie
     * (another tab, another device, someone who took it) opens nothing either.
     */
    @POST
    @Path("logout")
    @Audited("sign-out")
    public Response logout() throws java.sql.SQLException {
        if (!"anonymous".equals(staff.name())) {
            accounts.endSessions(staff.name());
        }
        return signedOut(URI.create("/login"));
    }

    /** A redirect that drops the session cookie. */
    static Response signedOut(URI to) {
        return Response.seeOther(to)
                .cookie(new NewCookie.Builder("herald-session")
                        .path("/")
                        .maxAge(0)
                        .value("")
                        .httpOnly(true)
                        .build())
                .build();
    }
}
