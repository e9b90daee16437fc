package io.herald.web;

import java.sql.SQLException;

import io.herald.social.SocialOutbox;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** /ops/outbox: a person retries a failed post or marks a manual one as posted (ops, CSRF-checked forms). */
@Path("/ops/outbox")
@RolesAllowed("ops")
@Produces(MediaType.TEXT_HTML)
public class OpsOutboxResource {

    private final SocialOutbox outbox;
    private final Staff staff;

    OpsOutboxResource(SocialOutbox outbox, Staff staff) {
        this.outbox = outbox;
        this.staff = staff;
    }

    @POST
    @Path("{id}/retry")
    @Audited("outbox.retry")
    public Response retry(@PathParam("id") long id) throws SQLException {
        return outbox.retry(id)
                ? OpsResource.back("Post " + id + " goes again.", null)
                : OpsResource.back(null, "Post " + id + " is not failed or unknown.");
    }

    @POST
    @Path("{id}/posted")
    @Audited("outbox.posted")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response posted(@PathParam("id") long id, @FormParam("url") String url) throws SQLException {
        String clean = url == null || url.isBlank() ? null : url.strip();
        if (clean != null && !clean.matches("https?://\\S+")) {
            return OpsResource.back(null, "The post's link must be an http(s) URL.");
        }
        return outbox.markPosted(id, clean, "person:" + staff.name())
                ? OpsResource.back("Post " + id + " marked posted.", null)
                : OpsResource.back(null, "Post " + id + " cannot be marked posted.");
    }
}
