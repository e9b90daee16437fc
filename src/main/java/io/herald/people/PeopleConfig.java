package io.herald.people;

import java.time.Duration;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Invitations to Herald's staff pages. */
@ConfigMapping(prefix = "herald.people")
public interface PeopleConfig {
    /** How long an invitation link works; it works once. */
    @WithDefault("72h")
    Duration inviteTtl();

    /** From address of invitation emails; defaults to the From of the first list. */
    Optional<String> from();
}
