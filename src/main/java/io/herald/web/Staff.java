package io.herald.web;

import java.util.List;

import io.herald.common.Refusal;
import io.herald.security.Role;
import io.herald.security.StaffIdentity;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Named;

/**
 * The person signed in for this request, for endpoints and for the staff pages' header ({@code {inject:staff.name}}):
 * their name, role and the lists they may send to.
 */
@RequestScoped
@Named("staff")
public class Staff {

    private final SecurityIdentity identity;

    Staff(SecurityIdentity identity) {
        this.identity = identity;
    }

    public String name() {
        return StaffIdentity.name(identity);
    }

    public String role() {
        return StaffIdentity.role(identity).map(Role::text).orElse("");
    }

    public boolean isAdmin() {
        return identity.hasRole(Role.ADMIN.text());
    }

    public boolean isOps() {
        return identity.hasRole(Role.OPS.text());
    }

    public boolean isEditor() {
        return identity.hasRole(Role.EDITOR.text());
    }

    public List<String> lists() {
        return StaffIdentity.lists(identity);
    }

    /** Refuses (403, field "list") a list outside the person's rights. */
    public void mayUse(String listId) {
        List<String> lists = lists();
        if (!lists.isEmpty() && !lists.contains(listId)) {
            throw Refusal.forbidden(
                    "list",
                    name() + " may send to and import into " + String.join(", ", lists) + " only, not " + listId);
        }
    }
}
