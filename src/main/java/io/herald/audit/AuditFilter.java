package io.herald.audit;

import java.time.Instant;
import java.util.Optional;

/** Which entries to show: by person, by action (exact or a prefix ending in "."), and a time range. */
public record AuditFilter(
        Optional<String> actor, Optional<String> action, Optional<Instant> from, Optional<Instant> to) {

    public static final AuditFilter ALL =
            new AuditFilter(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
}
