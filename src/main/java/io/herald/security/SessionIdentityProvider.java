package io.herald.security;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.TrustedAuthenticationRequest;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The signed-in person on later requests: form authentication's encrypted cookie names the person and the session
 * stamp their account had at sign-in. The account is read again on every request, so a disabled or removed person,
 * or one whose role, lists or password changed since, is signed out on their next request.
 */
@ApplicationScoped
public class SessionIdentityProvider implements IdentityProvider<TrustedAuthenticationRequest> {

    private final UserAccounts accounts;

    SessionIdentityProvider(UserAccounts accounts) {
        this.accounts = accounts;
    }

    @Override
    public Class<TrustedAuthenticationRequest> getRequestType() {
        return TrustedAuthenticationRequest.class;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(
            TrustedAuthenticationRequest request, AuthenticationRequestContext context) {
        return context.runBlocking(() -> {
            try {
                return accounts.session(request.getPrincipal())
                        .map(StaffIdentity::of)
                        .orElseThrow(() -> new AuthenticationFailedException("Session ended"));
            } catch (java.sql.SQLException e) {
                throw new AuthenticationFailedException("Cannot read the accounts", e);
            }
        });
    }
}
