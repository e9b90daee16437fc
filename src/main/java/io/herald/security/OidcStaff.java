package io.herald.security;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import io.quarkus.logging.Log;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.SecurityIdentityAugmentor;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * A person signed in through the identity provider becomes a Herald person: the name from a token claim, the role
 * from another (herald.oidc.role-claim, mapped by herald.oidc.roles.*), and an account row with source "oidc" made on
 * first sign-in, so that admins see them at /ops/people, give them lists, and can disable them: a disabled person's
 * next request has no role. A local account of the same name is not taken over: that sign-in gets no role either.
 * The role is the provider's to decide; it is read again from the token on every request.
 */
@ApplicationScoped
public class OidcStaff implements SecurityIdentityAugmentor {

    private final UserAccounts accounts;
    private final SecurityConfig.Oidc config;

    OidcStaff(UserAccounts accounts, SecurityConfig config) {
        this.accounts = accounts;
        this.config = config.oidc();
    }

    @Override
    public Uni<SecurityIdentity> augment(SecurityIdentity identity, AuthenticationRequestContext context) {
        if (identity.isAnonymous() || !(identity.getPrincipal() instanceof JsonWebToken token)) {
            return Uni.createFrom().item(identity);
        }
        return context.runBlocking(() -> person(token));
    }

    private SecurityIdentity person(JsonWebToken token) {
        String name = name(token);
        Optional<Role> role = role(token);
        QuarkusSecurityIdentity.Builder who =
                QuarkusSecurityIdentity.builder().setPrincipal(token).addAttribute(StaffIdentity.NAME, name);
        try {
            Optional<StaffAccount> account = accounts.find(name);
            if (account.isPresent() && !"oidc".equals(account.get().source())) {
                Log.warnf(
                        "'%s' signed in through the identity provider, but a local account has that name: no role",
                        name);
                return who.build();
            }
            if (role.isEmpty()) {
                return who.build();
            }
            Object emailClaim = token.getClaim("email");
            String email = emailClaim == null ? null : emailClaim.toString().replace("\"", "");
            if (account.isEmpty()) {
                accounts.create(name, email, role.get(), AccountStatus.ACTIVE, "oidc", List.of(), Optional.empty());
            } else if (account.get().status() != AccountStatus.ACTIVE) {
                return who.build();
            } else if (account.get().role() != role.get()) {
                accounts.change(
                        name,
                        role.get(),
                        AccountStatus.ACTIVE,
                        account.get().email(),
                        account.get().lists());
            }
            List<String> lists = accounts.find(name).map(StaffAccount::lists).orElse(List.of());
            return who.addRoles(role.get().grants())
                    .addAttribute(StaffIdentity.LISTS, lists)
                    .build();
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot read the accounts", e);
        }
    }

    String name(JsonWebToken token) {
        Object claim = token.getClaim(config.nameClaim());
        String raw = claim == null ? token.getName() : claim.toString().replace("\"", "");
        String name = raw.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9._-]", "-");
        return name.length() > 64 ? name.substring(0, 64) : name;
    }

    /** The highest role whose configured values meet the token's role claim. */
    Optional<Role> role(JsonWebToken token) {
        List<String> values = values(token.getClaim(config.roleClaim()));
        Role best = null;
        for (Map.Entry<String, List<String>> granted : config.roles().entrySet()) {
            Optional<Role> role = Role.parse(granted.getKey());
            if (role.isPresent()
                    && granted.getValue().stream().anyMatch(values::contains)
                    && (best == null || role.get().includes(best))) {
                best = role.get();
            }
        }
        return Optional.ofNullable(best);
    }

    private static List<String> values(Object claim) {
        List<String> values = new ArrayList<>();
        if (claim instanceof Collection<?> many) {
            many.forEach(v -> values.add(String.valueOf(v).replace("\"", "")));
        } else if (claim != null) {
            values.add(claim.toString().replace("\"", ""));
        }
        return values;
    }
}
