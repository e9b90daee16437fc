package io.herald.web;

import java.net.URI;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * CSRF defence for the API, whose callers authenticate with HTTP Basic (which a browser may resend on its own): a
 * state-changing request that a browser marks as coming from another site (Sec-Fetch-Site: cross-site, or an Origin
 * that is not this host) is refused. Scripts and curl send neither header and are not affected; Herald's own pages
 * use forms with a CSRF token (quarkus-rest-csrf).
 */
public class SameOriginPosts {

    /**
     * Runs before resource matching. Besides the origin check: the API takes no forms, so a form Content-Type on an
     * /api request (HTTP clients put one on bodiless POSTs, pause or retry say) is dropped. The CSRF filter, which
     * guards the pages' forms, then leaves API calls to this check instead of refusing them for a missing form token;
     * a real form sent to a JSON endpoint is refused as 415.
     */
    @ServerRequestFilter(preMatching = true)
    public Response check(ContainerRequestContext request) {
        String method = request.getMethod();
        if (method.equals("GET") || method.equals("HEAD") || method.equals("OPTIONS")) {
            return null;
        }
        String type = request.getHeaderString("Content-Type");
        if (request.getUriInfo().getPath().startsWith("/api/")
                && type != null
                && type.toLowerCase(java.util.Locale.ROOT).startsWith("application/x-www-form-urlencoded")) {
            request.getHeaders().remove("Content-Type");
        }
        String site = request.getHeaderString("Sec-Fetch-Site");
        if ("cross-site".equalsIgnoreCase(site)) {
            return refuse("the request came from another site");
        }
        String origin = request.getHeaderString("Origin");
        if (origin != null && !origin.equals("null")) {
            String host = request.getHeaderString("Host");
            try {
                URI o = URI.create(origin);
                String originHost = o.getPort() < 0 ? o.getHost() : o.getHost() + ":" + o.getPort();
                if (host != null && !host.equalsIgnoreCase(originHost)) {
                    return refuse("Origin " + origin + " is not this site");
                }
            } catch (IllegalArgumentException e) {
                return refuse("unreadable Origin header");
            }
        } else if ("null".equals(origin)) {
            return refuse("the request came from an opaque origin");
        }
        return null;
    }

    private static Response refuse(String reason) {
        return ProblemMappers.respond(Problem.of(403, "Cross-site request refused", "Origin", reason));
    }
}
