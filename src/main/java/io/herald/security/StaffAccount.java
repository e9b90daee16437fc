package io.herald.security;

import java.time.Instant;
import java.util.List;

/**
 * A person who works in Herald, as the API shows them (the password hash and session stamp stay in UserAccounts). {@code lists} are the lists they may send to and import into; empty means every
 * list. {@code source} is "local" (a password kept by Herald) or "oidc" (signs in through the identity provider).
 */
public record StaffAccount(
        String name,
        String email,
        Role role,
        AccountStatus status,
        String source,
        List<String> lists,
        Instant createdAt,
        Instant lastSignIn) {

    /** Whether this person may send to and import into the list. */
    public boolean mayUse(String listId) {
        return lists.isEmpty() || lists.contains(listId);
    }
}
