package io.herald.security;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import com.fasterxml.jackson.annotation.JsonValue;

/**
 * What a person may do. Each role includes the ones before it: a viewer previews; an editor also changes articles and
 * teasers and sends test emails; ops also send, import lists, add feeds and work the outbox; an admin also manages
 * people and reads every setting. {@code @RolesAllowed("editor")} therefore admits editors, ops and admins.
 */
public enum Role {
    VIEWER,
    EDITOR,
    OPS,
    ADMIN;

    @JsonValue
    public String text() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The role names a signed-in person with this role holds: this one and every one before it. */
    public Set<String> grants() {
        return Arrays.stream(values())
                .filter(r -> r.ordinal() <= ordinal())
                .map(Role::text)
                .collect(Collectors.toSet());
    }

    public boolean includes(Role other) {
        return ordinal() >= other.ordinal();
    }

    public static Optional<Role> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        return Arrays.stream(values())
                .filter(r -> r.text().equals(text.trim().toLowerCase(Locale.ROOT)))
                .findFirst();
    }

    /** "viewer, editor, ops or admin", for refusals. */
    public static String choices() {
        return "viewer, editor, ops or admin";
    }
}
