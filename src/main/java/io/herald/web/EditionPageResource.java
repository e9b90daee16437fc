package io.herald.web;

import java.sql.SQLException;

import io.herald.EditionPreview;
import io.herald.common.Refusal;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** The public archive: each edition's web copy, where an email's "view in browser" link points. */
@Path("/editions")
@PermitAll
public class EditionPageResource {

    private final EditionPreview editionPreview;

    EditionPageResource(EditionPreview editionPreview) {
        this.editionPreview = editionPreview;
    }

    @GET
    @Path("{id}")
    @Produces(MediaType.TEXT_HTML)
    public Response edition(@PathParam("id") long id) throws SQLException {
        String html = editionPreview.editionPage(id).orElseThrow(() -> Refusal.notFound("id", "no edition " + id));
        // The page is the email itself: no script of ours or anyone's runs on it.
        return Response.ok(html, MediaType.TEXT_HTML_TYPE.withCharset("UTF-8"))
                .header(
                        "Content-Security-Policy",
                        "default-src 'none'; img-src https: http: data:; style-src 'unsafe-inline'")
                .build();
    }
}
