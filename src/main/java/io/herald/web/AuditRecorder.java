package io.herald.web;

import java.lang.reflect.Method;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import io.herald.audit.AuditTrail;
import io.herald.security.HeraldIdentityProvider;
import io.herald.security.StaffIdentity;
import io.quarkus.security.identity.SecurityIdentity;
import io.vertx.ext.web.RoutingContext;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ResourceInfo;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

/**
 * Writes the audit entry of every state-changing request a signed-in person makes, after it is answered: who, from
 * which address, the action ({@link Audited}, or the method and route when an endpoint has no name yet), what it
 * acted on (the route's parameters, or what the endpoint noted), and the answer's status, so refused attempts (403,
 * 409) are on record beside what was done. Requests nobody signed in for are readers' (signup, unsubscribe) and are
 * not staff actions, except where the endpoint names the person itself ({@link AuditNotes#actor}).
 */
public class AuditRecorder {

    private final AuditTrail trail;
    private final SecurityIdentity identity;
    private final AuditNotes notes;
    private final RoutingContext routing;

    AuditRecorder(AuditTrail trail, SecurityIdentity identity, AuditNotes notes, RoutingContext routing) {
        this.trail = trail;
        this.identity = identity;
        this.notes = notes;
        this.routing = routing;
    }

    @ServerResponseFilter
    public void record(ContainerRequestContext request, ContainerResponseContext response, ResourceInfo resource) {
        Method method = resource == null ? null : resource.getResourceMethod();
        if (method == null) {
            return;
        }
        Audited audited = method.getAnnotation(Audited.class);
        String verb = request.getMethod();
        boolean changes = !"GET".equals(verb) && !"HEAD".equals(verb) && !"OPTIONS".equals(verb);
        if (!changes && audited == null) {
            return;
        }
        if (audited == null && resource.getResourceClass().isAnnotationPresent(PermitAll.class)) {
            return; // a reader's page (signup, preferences, unsubscribe)
        }
        String actor = notes.actor() != null ? notes.actor() : StaffIdentity.name(identity);
        if ("anonymous".equals(actor)) {
            return;
        }
        String action = notes.action() != null
                ? notes.action()
                : audited != null ? audited.value() : verb + " " + route(resource);
        String target = notes.target() != null ? notes.target() : target(request);
        Map<String, Object> details = new LinkedHashMap<>(notes.details());
        trail.append(
                actor, HeraldIdentityProvider.clientAddress(routing), action, target, response.getStatus(), details);
    }

    /** The route as declared: "/api/sends/{id}/pause". */
    static String route(ResourceInfo resource) {
        jakarta.ws.rs.Path base = resource.getResourceClass().getAnnotation(jakarta.ws.rs.Path.class);
        jakarta.ws.rs.Path sub = resource.getResourceMethod().getAnnotation(jakarta.ws.rs.Path.class);
        return ("/" + (base == null ? "" : base.value()) + "/" + (sub == null ? "" : sub.value()))
                .replaceAll("/+", "/")
                .replaceAll("(.)/$", "$1");
    }

    /** The route's parameters: "id=12 channel=x", or the path when it has none. */
    private static String target(ContainerRequestContext request) {
        Map<String, List<String>> params = request.getUriInfo().getPathParameters();
        if (params.isEmpty()) {
            return request.getUriInfo().getPath();
        }
        return params.entrySet().stream()
                .map(e -> e.getKey() + "=" + String.join(",", e.getValue()))
                .collect(Collectors.joining(" "));
    }
}
