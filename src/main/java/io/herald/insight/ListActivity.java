package io.herald.insight;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;

import io.herald.storage.Jdbc;
import io.herald.storage.Sql;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * What a list did, day by day (UTC): members at the end of the day, signup requests, confirmations, unsubscribes,
 * members the file added and removed, and bounces of its sends. Members of past days are worked back from today's
 * count and the consent history; an erased reader's history goes with them, so days before an erasure may show one
 * member more or fewer than they had.
 */
@ApplicationScoped
public class ListActivity {

    /** One day of a list. */
    public record Day(
            LocalDate day,
            long members,
            long signups,
            long confirmations,
            long unsubscribes,
            long listed,
            long removed,
            long bounces) {}

    private final DataSource dataSource;
    private final Clock clock;

    ListActivity(DataSource dataSource, Clock clock) {
        this.dataSource = dataSource;
        this.clock = clock;
    }

    /** A signup request for the list (counted; the request itself is no subscriber until confirmed). */
    public void signupRequested(String listId) throws SQLException {
        LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
        try (Connection c = dataSource.getConnection()) {
            for (String sql : List.of(InsightQueries.ADD_SIGNUP_REQUEST, InsightQueries.INSERT_SIGNUP_REQUEST)) {
                try (PreparedStatement ps = c.prepareStatement(sql)) {
                    ps.setString(1, listId);
                    ps.setObject(2, today);
                    if (ps.executeUpdate() > 0) {
                        return;
                    }
                }
            }
        }
    }

    /** Rows of (day, kind or null, count) of the list since a moment: a per-day query of this class. */
    private List<Object[]> perDay(String sql, String listId, Object since, boolean withKind) throws SQLException {
        return Sql.query(
                dataSource,
                sql,
                ps -> {
                    ps.setString(1, listId);
                    ps.setObject(2, since);
                },
                rs -> new Object[] {
                    rs.getObject(1, LocalDate.class), withKind ? rs.getString(2) : null, rs.getLong(withKind ? 3 : 2)
                });
    }

    /** The last {@code days} days, oldest first, today included. */
    public List<Day> days(String listId, int days) throws SQLException {
        LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
        LocalDate first = today.minusDays(days - 1L);
        Map<LocalDate, long[]> byDay = new HashMap<>();
        // columns: signups, confirmed, unsubscribed, listed, removed, bounces
        Object since = Jdbc.ts(first.atStartOfDay(ZoneOffset.UTC).toInstant());
        for (Object[] r : perDay(InsightQueries.CONSENT_PER_DAY, listId, since, true)) {
            int column = switch ((String) r[1]) {
                case "confirmed" -> 1;
                case "unsubscribed" -> 2;
                case "listed" -> 3;
                case "removed" -> 4;
                default -> -1;
            };
            if (column >= 0) {
                byDay.computeIfAbsent((LocalDate) r[0], d -> new long[6])[column] += (Long) r[2];
            }
        }
        for (Object[] r : perDay(InsightQueries.SIGNUPS_PER_DAY, listId, first, false)) {
            byDay.computeIfAbsent((LocalDate) r[0], d -> new long[6])[0] += (Long) r[2];
        }
        for (Object[] r : perDay(InsightQueries.BOUNCES_PER_DAY, listId, since, false)) {
            byDay.computeIfAbsent((LocalDate) r[0], d -> new long[6])[5] += (Long) r[2];
        }
        long members = Sql.count(dataSource, InsightQueries.ACTIVE_MEMBERS, ps -> ps.setString(1, listId));
        List<Day> out = new ArrayList<>();
        for (LocalDate d = today; !d.isBefore(first); d = d.minusDays(1)) {
            long[] v = byDay.getOrDefault(d, new long[6]);
            out.add(0, new Day(d, Math.max(0, members), v[0], v[1], v[2], v[3], v[4], v[5]));
            // The day before ended with this day's changes undone.
            members -= v[1] + v[3] - v[2] - v[4];
        }
        return out;
    }
}
