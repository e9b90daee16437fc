package io.herald.storage;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/** Conversions every store needs between java.time and JDBC, the same on H2 and PostgreSQL. */
public final class Jdbc {

    private Jdbc() {}

    public static OffsetDateTime ts(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }
}
