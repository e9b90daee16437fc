package io.herald.web;

import io.quarkus.runtime.configuration.MemorySize;
import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * A body declared larger than quarkus.http.limits.max-body-size gets a 413 problem+json saying so, before it is read
 * (Quarkus's own 413 has no body at all). A body sent without a length is still stopped by Quarkus at the limit.
 */
@ApplicationScoped
public class BodySizeLimit {

    private final long limit = ConfigProvider.getConfig()
            .getOptionalValue("quarkus.http.limits.max-body-size", MemorySize.class)
            .map(MemorySize::asLongValue)
            .orElse(10L * 1024 * 1024);

    void register(@Observes Filters filters) {
        filters.register(this::check, 900);
    }

    void check(RoutingContext ctx) {
        String length = ctx.request().getHeader("Content-Length");
        long declared;
        try {
            declared = length == null ? -1 : Long.parseLong(length.strip());
        } catch (NumberFormatException e) {
            declared = -1;
        }
        if (declared > limit) {
            String mb = String.valueOf(limit / (1024 * 1024));
            String reason = "the body is " + declared + " bytes, more than this server takes (" + mb + " MB, "
                    + "quarkus.http.limits.max-body-size)"
                    + (ctx.normalizedPath().endsWith("/members")
                            ? "; split the file, or put the whole list in "
                                    + "subscribers/<list>/members.csv, which has no size limit"
                            : "");
            ctx.response()
                    .setStatusCode(413)
                    .putHeader("Content-Type", Problem.MEDIA_TYPE)
                    .putHeader("Connection", "close")
                    .end("{\"type\":\"about:blank\",\"title\":\"Payload too large\",\"status\":413,\"detail\":"
                            + json(reason) + ",\"errors\":[{\"field\":\"body\",\"reason\":" + json(reason) + "}]}");
            return;
        }
        ctx.next();
    }

    private static String json(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
