package io.herald.audit;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import javax.sql.DataSource;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.herald.storage.Sql;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The audit trail (audit_entry): append-only, and tamper-evident. Entry n carries the SHA-256 of its own fields and
 * of entry n-1's hash, so changing or deleting an entry breaks every hash after it, which {@link #verify} finds.
 * Numbers are dense (1, 2, 3, ...): two nodes appending at once both try the same number, the database's primary key
 * lets one win, and the other reads the new head and tries again, so the chain never forks.
 */
@ApplicationScoped
public class AuditTrail {

    static final String GENESIS = "0".repeat(64);
    static final int MAX_DETAIL = 4000;
    private static final int MAX_TRIES = 50;

    private final DataSource dataSource;
    private final Clock clock;
    private final ObjectMapper json;

    AuditTrail(DataSource dataSource, Clock clock, ObjectMapper json) {
        this.dataSource = dataSource;
        this.clock = clock;
        this.json = json;
    }

    /**
     * Appends one entry. An entry that cannot be written is logged with all it says (the action it records has
     * happened; failing it now would not undo it).
     */
    public synchronized Optional<AuditEntry> append(
            String actor, String address, String action, String target, int outcome, Map<String, ?> details) {
        String detail = detail(details);
        for (int attempt = 0; attempt < MAX_TRIES; attempt++) {
            try (Connection c = dataSource.getConnection()) {
                long seq = 1;
                String prev = GENESIS;
                try (PreparedStatement ps = c.prepareStatement(AuditQueries.HEAD);
                        ResultSet rs = ps.executeQuery()) {
                    if (rs.next()) {
                        seq = rs.getLong(1) + 1;
                        prev = rs.getString(2);
                    }
                }
                AuditEntry entry = sealed(new AuditEntry(
                        seq,
                        clock.instant().truncatedTo(ChronoUnit.MILLIS),
                        cut(actor, 64),
                        cut(address, 64),
                        cut(action, 64),
                        cut(target, 300),
                        outcome,
                        detail,
                        prev,
                        null));
                try (PreparedStatement ps = c.prepareStatement(AuditQueries.INSERT)) {
                    ps.setLong(1, entry.seq());
                    ps.setObject(2, entry.at().atOffset(ZoneOffset.UTC));
                    ps.setString(3, entry.actor());
                    ps.setString(4, entry.address());
                    ps.setString(5, entry.action());
                    ps.setString(6, entry.target());
                    ps.setInt(7, entry.outcome());
                    ps.setString(8, entry.detail());
                    ps.setString(9, entry.prevHash());
                    ps.setString(10, entry.hash());
                    ps.executeUpdate();
                }
                return Optional.of(entry);
            } catch (SQLException e) {
                if (!"23505".equals(e.getSQLState())
                        && !String.valueOf(e.getSQLState()).startsWith("23")) {
                    Log.errorf(
                            "Audit entry not written (%s): %s %s %s %s %d %s",
                            e.getMessage(), actor, address, action, target, outcome, detail);
                    return Optional.empty();
                }
                // Another node took this number: read the new head and try again.
            }
        }
        Log.errorf(
                "Audit entry not written (the head kept moving): %s %s %s %s %d %s",
                actor, address, action, target, outcome, detail);
        return Optional.empty();
    }

    /** Up to {@code limit} matching entries, newest first, older than entry {@code before} when given. */
    public List<AuditEntry> page(AuditFilter filter, Optional<Long> before, int limit) throws SQLException {
        return Sql.query(
                dataSource,
                AuditQueries.PAGE,
                ps -> {
                    int next = bind(ps, filter);
                    if (before.isPresent()) {
                        ps.setLong(next, before.get());
                        ps.setLong(next + 1, before.get());
                    } else {
                        ps.setNull(next, Types.BIGINT);
                        ps.setNull(next + 1, Types.BIGINT);
                    }
                    ps.setInt(next + 2, limit);
                },
                AuditTrail::read);
    }

    public long count(AuditFilter filter) throws SQLException {
        return Sql.longs(dataSource, AuditQueries.COUNT, ps -> bind(ps, filter)).get(0);
    }

    /** Every matching entry, oldest first, one at a time (an export never holds the trail in memory). */
    public void export(AuditFilter filter, Consumer<AuditEntry> sink) throws SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(AuditQueries.EXPORT)) {
            bind(ps, filter);
            ps.setFetchSize(500);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    sink.accept(read(rs));
                }
            }
        }
    }

    /** Reads the whole trail in order and checks each entry's number, link to the one before, and hash. */
    public ChainCheck verify() throws SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(AuditQueries.ALL_IN_ORDER)) {
            ps.setFetchSize(500);
            long expected = 1;
            String prev = GENESIS;
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    AuditEntry e = read(rs);
                    String reason = e.seq() != expected
                            ? "entry " + expected + " is missing"
                            : !e.prevHash().equals(prev)
                                    ? "does not name the hash of the entry before it"
                                    : !e.hash().equals(hash(e)) ? "its hash does not match what it says" : null;
                    if (reason != null) {
                        return new ChainCheck(
                                expected - 1, false, Optional.of(Math.min(expected, e.seq())), reason, prev);
                    }
                    prev = e.hash();
                    expected++;
                }
            }
            return new ChainCheck(expected - 1, true, Optional.empty(), "", prev);
        }
    }

    static AuditEntry sealed(AuditEntry e) {
        return new AuditEntry(
                e.seq(),
                e.at(),
                e.actor(),
                e.address(),
                e.action(),
                e.target(),
                e.outcome(),
                e.detail(),
                e.prevHash(),
                hash(e));
    }

    /** SHA-256 (hex) of the previous hash and every field, each on its own line. */
    static String hash(AuditEntry e) {
        String text = String.join(
                "\n",
                e.prevHash(),
                Long.toString(e.seq()),
                e.at().toString(),
                e.actor(),
                e.address(),
                e.action(),
                e.target(),
                Integer.toString(e.outcome()),
                e.detail());
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException ex) {
            throw new IllegalStateException(ex);
        }
    }

    /** The details as compact JSON; values too long for the column are replaced by their length. */
    private String detail(Map<String, ?> details) {
        if (details == null || details.isEmpty()) {
            return "{}";
        }
        try {
            String text = json.writeValueAsString(details);
            if (text.length() <= MAX_DETAIL) {
                return text;
            }
            Map<String, Object> shortened = new LinkedHashMap<>();
            for (Map.Entry<String, ?> d : details.entrySet()) {
                String value = String.valueOf(d.getValue());
                shortened.put(d.getKey(), value.length() > 300 ? "(" + value.length() + " characters)" : d.getValue());
            }
            text = json.writeValueAsString(shortened);
            return text.length() <= MAX_DETAIL ? text : "{\"detail\":\"(" + text.length() + " characters)\"}";
        } catch (JsonProcessingException e) {
            return "{\"detail\":\"(not writable as JSON)\"}";
        }
    }

    private static int bind(PreparedStatement ps, AuditFilter f) throws SQLException {
        String actor = f.actor().orElse(null);
        String action = f.action().orElse(null);
        ps.setString(1, actor);
        ps.setString(2, actor);
        ps.setString(3, action);
        ps.setString(4, action);
        ps.setString(5, action == null ? null : (action.endsWith(".") ? action : action + ".") + "%");
        setInstant(ps, 6, f.from());
        setInstant(ps, 7, f.from());
        setInstant(ps, 8, f.to());
        setInstant(ps, 9, f.to());
        return 10;
    }

    private static void setInstant(PreparedStatement ps, int i, Optional<Instant> at) throws SQLException {
        if (at.isPresent()) {
            ps.setObject(i, at.get().atOffset(ZoneOffset.UTC));
        } else {
            ps.setNull(i, Types.TIMESTAMP_WITH_TIMEZONE);
        }
    }

    private static AuditEntry read(ResultSet rs) throws SQLException {
        return new AuditEntry(
                rs.getLong(1),
                Sql.instant(rs, 2),
                rs.getString(3),
                rs.getString(4),
                rs.getString(5),
                rs.getString(6),
                rs.getInt(7),
                rs.getString(8),
                rs.getString(9),
                rs.getString(10));
    }

    private static String cut(String s, int max) {
        String v = s == null ? "" : s;
        return v.length() > max ? v.substring(0, max) : v;
    }
}
