package io.herald.storage;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Locale;

/** Conversions every store needs between java.time and JDBC, the same on H2 and PostgreSQL. */
public final class Jdbc {

    private Jdbc() {}

    public static OffsetDateTime ts(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }

    /**
     * On PostgreSQL, has this connection plan every statement with its parameters' values ({@code on}) or go back to
     * the server's default ({@code off}); nothing on H2. For jobs that look up a thousand keys at a time in a table
     * they are filling: after five runs PostgreSQL may switch a statement to a generic plan made when the table was
     * small, which tests each row against the thousand parameters one by one (a members sync of 100,000 on an empty
     * database spent a second per chunk, 80 s in all; with a plan per run, 10 ms). The pool hands the connection to
     * others afterwards, so every {@code on} needs its {@code off}.
     */
    public static void planWithValues(Connection c, boolean on) throws SQLException {
        if (!c.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT).contains("postgres")) {
            return;
        }
        try (Statement s = c.createStatement()) {
            s.execute(on ? "SET plan_cache_mode = force_custom_plan" : "RESET plan_cache_mode");
        }
    }
}
