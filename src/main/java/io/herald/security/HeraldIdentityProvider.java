package io.herald.security;

import java.util.Optional;
import java.util.Set;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.UsernamePasswordAuthenticationRequest;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/** Checks a user name and password (HTTP Basic, the sign-in form) against {@link UserAccounts}. */
@ApplicationScoped
public class HeraldIdentityProvider implements IdentityProvider<UsernamePasswordAuthenticationRequest> {

    private final UserAccounts accounts;

    HeraldIdentityProvider(UserAccounts accounts) {
        this.accounts = accounts;
    }

    @Override
    public Class<UsernamePasswordAuthenticationRequest> getRequestType() {
        return UsernamePasswordAuthenticationRequest.class;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(UsernamePasswordAuthenticationRequest request,
            AuthenticationRequestContext context) {
        return context.runBlocking(() -> {
            String user = request.getUsername();
            Optional<Set<String>> roles = accounts.authenticate(user, new String(request.getPassword().getPassword()));
            if (roles.isEmpty()) {
                throw new AuthenticationFailedException("Wrong user name or password");
            }
            return QuarkusSecurityIdentity.builder().setPrincipal(new QuarkusPrincipal(user)).addRoles(roles.get())
                    .build();
        });
    }
}
