package io.herald.security;

import java.util.List;

import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;

/**
 * The security identity of a signed-in person. Its principal is the session's name (person and account stamp, what
 * the session cookie keeps); the person's plain name and list rights are attributes, read through {@link #name} and
 * {@link #lists}.
 */
public final class StaffIdentity {

    static final String NAME = "herald.name";
    static final String LISTS = "herald.lists";

    private StaffIdentity() {}

    static SecurityIdentity of(UserAccounts.SignedIn person) {
        return QuarkusSecurityIdentity.builder()
                .setPrincipal(new QuarkusPrincipal(person.principal()))
                .addRoles(person.role().grants())
                .addAttribute(NAME, person.name())
                .addAttribute(LISTS, person.lists())
                .build();
    }

    /** The person's name, or "anonymous". */
    public static String name(SecurityIdentity identity) {
        if (identity == null || identity.isAnonymous()) {
            return "anonymous";
        }
        Object name = identity.getAttribute(NAME);
        return name != null ? name.toString() : identity.getPrincipal().getName();
    }

    /** The lists the person may send to and import into; empty means every list. */
    @SuppressWarnings("unchecked")
    public static List<String> lists(SecurityIdentity identity) {
        Object lists = identity == null ? null : identity.getAttribute(LISTS);
        return lists instanceof List<?> l ? (List<String>) l : List.of();
    }

    /** The highest role the identity holds, or empty for anonymous callers. */
    public static java.util.Optional<Role> role(SecurityIdentity identity) {
        if (identity == null || identity.isAnonymous()) {
            return java.util.Optional.empty();
        }
        Role best = null;
        for (Role r : Role.values()) {
            if (identity.hasRole(r.text())) {
                best = r;
            }
        }
        return java.util.Optional.ofNullable(best);
    }
}
