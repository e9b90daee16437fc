package io.herald.web;

import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.core.MediaType;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

/**
 * A Content-Security-Policy on every page Herald renders: scripts only from Herald itself (no inline script, so no
 * article text can ever run), frames only from Herald (the sandboxed email preview), no plugins, forms only back to
 * Herald. A response that set its own policy (the email frame's sandbox) keeps it.
 */
public class SecurityHeaders {

    static final String PAGE_CSP = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
            + "img-src 'self' https: data:; frame-src 'self'; connect-src 'self'; object-src 'none'; "
            + "base-uri 'none'; form-action 'self'; frame-ancestors 'self'";

    @ServerResponseFilter
    public void headers(ContainerResponseContext response) {
        MediaType type = response.getMediaType();
        if (type != null
                && type.isCompatible(MediaType.TEXT_HTML_TYPE)
                && !response.getHeaders().containsKey("Content-Security-Policy")) {
            response.getHeaders().putSingle("Content-Security-Policy", PAGE_CSP);
        }
    }
}
