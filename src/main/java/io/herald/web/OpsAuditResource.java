package io.herald.web;

import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

import io.herald.audit.AuditEntry;
import io.herald.audit.AuditFilter;
import io.herald.audit.AuditTrail;
import io.herald.audit.ChainCheck;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

/**
 * /ops/audit: the audit trail, newest first, 50 entries a page, filtered by person, action and dates; the chain's
 * check on request (?check) and a JSON lines export of what the filters select.
 */
@Path("/ops/audit")
@RolesAllowed("ops")
@Produces(MediaType.TEXT_HTML)
public class OpsAuditResource {

    static final int PAGE = 50;

    /** The page: filters as typed, one page of entries, where the next page starts, the chain's state. */
    public record View(
            AuditSelection selection,
            List<AuditEntry> entries,
            long total,
            String next,
            String export,
            ChainCheck chain) {}

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance audit(View view);
    }

    private final AuditTrail trail;

    OpsAuditResource(AuditTrail trail) {
        this.trail = trail;
    }

    @GET
    public TemplateInstance page(
            @BeanParam AuditSelection selection, @QueryParam("before") Long before, @QueryParam("check") String check)
            throws SQLException {
        AuditFilter filter = selection.filter();
        List<AuditEntry> fetched = trail.page(filter, Optional.ofNullable(before), PAGE + 1);
        List<AuditEntry> shown = fetched.size() > PAGE ? fetched.subList(0, PAGE) : fetched;
        String next = fetched.size() > PAGE
                ? selection
                        .on("/ops/audit")
                        .queryParam("before", shown.get(shown.size() - 1).seq())
                        .build()
                        .toString()
                : null;
        return Templates.audit(new View(
                selection,
                shown,
                trail.count(filter),
                next,
                selection.on("/api/audit/export").build().toString(),
                // Checking reads the whole trail: on request, not on every page view.
                check != null ? trail.verify() : null));
    }
}
