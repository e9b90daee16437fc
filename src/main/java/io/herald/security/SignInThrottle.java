package io.herald.security;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Answers a sign-in attempt (credentials in an Authorization header, or the sign-in form's post) from a client
 * address over its failed sign-in limit with 429 and Retry-After, before authentication runs.
 */
@ApplicationScoped
public class SignInThrottle {

    private final SignInLimits limits;
    private final Clock clock;

    SignInThrottle(SignInLimits limits, Clock clock) {
        this.limits = limits;
        this.clock = clock;
    }

    // Filters run before Quarkus's authentication (it is a route of lower order); higher priority runs earlier.
    void register(@Observes Filters filters) {
        filters.register(this::throttle, 1000);
    }

    void throttle(RoutingContext ctx) {
        boolean signingIn =
                ctx.request().getHeader("Authorization") != null || "/j_security_check".equals(ctx.normalizedPath());
        if (signingIn) {
            Instant now = clock.instant();
            Optional<Instant> until = limits.blockedUntil(HeraldIdentityProvider.clientAddress(ctx), now);
            if (until.isPresent()) {
                long seconds = Math.max(1, Duration.between(now, until.get()).toSeconds());
                ctx.response()
                        .setStatusCode(429)
                        .putHeader("Retry-After", String.valueOf(seconds))
                        .putHeader("Content-Type", "application/problem+json")
                        .end("{\"type\":\"about:blank\",\"title\":\"Too many requests\",\"status\":429,\"detail\":"
                                + "\"too many failed sign-ins from this address; try again in " + seconds
                                + " s\",\"errors\":[{\"field\":\"password\",\"reason\":\"too many failed sign-ins "
                                + "from this address\"}]}");
                return;
            }
        }
        ctx.next();
    }
}
