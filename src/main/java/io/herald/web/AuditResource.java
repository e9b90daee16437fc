package io.herald.web;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.herald.audit.AuditEntry;
import io.herald.audit.AuditFilter;
import io.herald.audit.AuditTrail;
import io.herald.audit.ChainCheck;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import jakarta.ws.rs.core.UriInfo;

/**
 * /api/audit: the audit trail for ops and admins. Filters: actor (a person's name), action ("send.start", or
 * "send" for every send action), from and to (ISO instants or dates, UTC). Newest first, a page at a time
 * (?limit, ?before=&lt;seq&gt;); /export gives every matching entry as JSON lines, oldest first, with their hashes;
 * /verify checks the chain.
 */
@Path("/api/audit")
@RolesAllowed("ops")
@Produces(MediaType.APPLICATION_JSON)
public class AuditResource {

    private final AuditTrail trail;
    private final ObjectMapper json;

    AuditResource(AuditTrail trail, ObjectMapper json) {
        this.trail = trail;
        this.json = json;
    }

    @GET
    public Response page(
            @BeanParam AuditSelection selection,
            @QueryParam("limit") Integer limit,
            @QueryParam("before") Long before,
            @Context UriInfo uri)
            throws SQLException {
        int n = Paging.limit(limit);
        AuditFilter filter = selection.filter();
        List<AuditEntry> fetched = trail.page(filter, Optional.ofNullable(before), n + 1);
        return Paging.page(fetched, n, trail.count(filter), uri, "before", AuditEntry::seq);
    }

    @GET
    @Path("export")
    @Produces("application/x-ndjson")
    @Audited("audit.export")
    public Response export(@BeanParam AuditSelection selection) {
        AuditFilter filter = selection.filter();
        StreamingOutput body = (OutputStream out) -> {
            try {
                trail.export(filter, entry -> {
                    try {
                        out.write(json.writeValueAsBytes(entry));
                        out.write('\n');
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                });
            } catch (SQLException e) {
                throw new IOException(e);
            }
        };
        return Response.ok(body)
                .header("Content-Disposition", "attachment; filename=\"herald-audit.jsonl\"")
                .build();
    }

    @GET
    @Path("verify")
    public ChainCheck verify() throws SQLException {
        return trail.verify();
    }
}
