package io.herald.security;

import java.sql.SQLException;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;

import io.herald.audit.AuditTrail;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.UsernamePasswordAuthenticationRequest;
import io.quarkus.vertx.http.runtime.security.HttpSecurityUtils;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Checks a user name and password (HTTP Basic, the sign-in form) against {@link UserAccounts}; a client address
 * over its failed sign-in limit ({@link SignInLimits}) is refused before the password is looked at. Sign-ins through
 * the form and every failed attempt go to the audit trail (HTTP Basic checks the password on each API call: those
 * successes would bury everything else, so only its failures are kept).
 */
@ApplicationScoped
public class HeraldIdentityProvider implements IdentityProvider<UsernamePasswordAuthenticationRequest> {

    static final String FORM_POST = "/j_security_check";

    /** How long a password check that arrives during the start waits for the start's accounts. */
    private static final java.time.Duration ACCOUNTS_WAIT = java.time.Duration.ofSeconds(30);

    private final UserAccounts accounts;
    private final StaffBootstrap bootstrap;
    private final SignInLimits limits;
    private final AuditTrail audit;
    private final Clock clock;

    HeraldIdentityProvider(
            UserAccounts accounts, StaffBootstrap bootstrap, SignInLimits limits, AuditTrail audit, Clock clock) {
        this.accounts = accounts;
        this.bootstrap = bootstrap;
        this.limits = limits;
        this.audit = audit;
        this.clock = clock;
    }

    @Override
    public Class<UsernamePasswordAuthenticationRequest> getRequestType() {
        return UsernamePasswordAuthenticationRequest.class;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(
            UsernamePasswordAuthenticationRequest request, AuthenticationRequestContext context) {
        RoutingContext ctx = HttpSecurityUtils.getRoutingContextAttribute(request);
        String ip = clientAddress(ctx);
        boolean form = ctx != null && FORM_POST.equals(ctx.normalizedPath());
        return context.runBlocking(() -> {
            if (limits.blockedUntil(ip, clock.instant()).isPresent()) {
                throw new AuthenticationFailedException("Too many failed sign-ins from " + ip);
            }
            String user = request.getUsername();
            Optional<UserAccounts.SignedIn> person =
                    check(user, new String(request.getPassword().getPassword()));
            if (person.isEmpty()) {
                limits.failed(ip, clock.instant());
                audit.append(
                        clip(user),
                        ip,
                        "sign-in.failed",
                        "person " + clip(user),
                        401,
                        Map.of("via", form ? "form" : "basic"));
                throw new AuthenticationFailedException("Wrong user name or password");
            }
            if (form) {
                recordSignIn(user);
                audit.append(user, ip, "sign-in", "person " + user, 200, Map.of("via", "form"));
            }
            return StaffIdentity.of(person.get());
        });
    }

    private void recordSignIn(String user) {
        try {
            accounts.signedIn(user);
        } catch (SQLException e) {
            throw new AuthenticationFailedException("Cannot write the sign-in time", e);
        }
    }

    private Optional<UserAccounts.SignedIn> check(String user, String password) {
        // A request in the node's first moments: the configured accounts are still being made (StaffBootstrap).
        if (!bootstrap.awaitAccounts(ACCOUNTS_WAIT)) {
            throw new AuthenticationFailedException("The staff accounts are not in place yet");
        }
        try {
            return accounts.authenticate(user, password);
        } catch (SQLException e) {
            throw new AuthenticationFailedException("Cannot read the accounts", e);
        }
    }

    /** A name as typed, cut to what the audit trail's column holds. */
    private static String clip(String user) {
        String s = user == null ? "" : user.replaceAll("\\p{Cntrl}", "?");
        return s.length() > 64 ? s.substring(0, 64) : s;
    }

    public static String clientAddress(RoutingContext ctx) {
        return ctx == null || ctx.request().remoteAddress() == null
                ? "unknown"
                : ctx.request().remoteAddress().hostAddress();
    }
}
