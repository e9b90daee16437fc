package io.herald.web;

import java.net.URI;

import io.quarkus.security.Authenticated;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Response;

/**
 * /sso: "Sign in with the newsroom's account". The path is protected by the OpenID Connect code flow alone
 * (application.properties), so an anonymous visit goes to the identity provider and comes back signed in; this
 * answer then sends the person to the preview. Shown on the sign-in page when quarkus.oidc.tenant-enabled is true.
 */
@Path("/sso")
@Authenticated
public class SsoResource {

    private final AuditNotes audit;
    private final Staff staff;

    SsoResource(AuditNotes audit, Staff staff) {
        this.audit = audit;
        this.staff = staff;
    }

    @GET
    @Audited("sign-in")
    public Response landing() {
        audit.target("person " + staff.name()).put("via", "oidc").put("role", staff.role());
        return Response.seeOther(URI.create("/preview")).build();
    }
}
