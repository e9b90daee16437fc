package io.herald.security;

import java.time.Clock;
import java.util.Optional;
import java.util.Set;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.UsernamePasswordAuthenticationRequest;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.quarkus.vertx.http.runtime.security.HttpSecurityUtils;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Checks a user name and password (HTTP Basic, the sign-in form) against {@link UserAccounts}; a client address
 * over its failed sign-in limit ({@link SignInLimits}) is refused before the password is looked at.
 */
@ApplicationScoped
public class HeraldIdentityProvider implements IdentityProvider<UsernamePasswordAuthenticationRequest> {

    private final UserAccounts accounts;
    private final SignInLimits limits;
    private final Clock clock;

    HeraldIdentityProvider(UserAccounts accounts, SignInLimits limits, Clock clock) {
        this.accounts = accounts;
        this.limits = limits;
        this.clock = clock;
    }

    @Override
    public Class<UsernamePasswordAuthenticationRequest> getRequestType() {
        return UsernamePasswordAuthenticationRequest.class;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(
            UsernamePasswordAuthenticationRequest request, AuthenticationRequestContext context) {
        String ip = clientAddress(HttpSecurityUtils.getRoutingContextAttribute(request));
        return context.runBlocking(() -> {
            if (limits.blockedUntil(ip, clock.instant()).isPresent()) {
                throw new AuthenticationFailedException("Too many failed sign-ins from " + ip);
            }
            String user = request.getUsername();
            Optional<Set<String>> roles =
                    accounts.authenticate(user, new String(request.getPassword().getPassword()));
            if (roles.isEmpty()) {
                limits.failed(ip, clock.instant());
                throw new AuthenticationFailedException("Wrong user name or password");
            }
            return QuarkusSecurityIdentity.builder()
                    .setPrincipal(new QuarkusPrincipal(user))
                    .addRoles(roles.get())
                    .build();
        });
    }

    static String clientAddress(RoutingContext ctx) {
        return ctx == null || ctx.request().remoteAddress() == null
                ? "unknown"
                : ctx.request().remoteAddress().hostAddress();
    }
}
