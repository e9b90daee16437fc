package io.herald.bounce;

import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Locale;
import javax.sql.DataSource;

import io.herald.storage.Jdbc;
import io.herald.storage.Sql;
import jakarta.enterprise.context.ApplicationScoped;

/** What the bounce mailbox said, kept: each finding (bounce_event) and each message Herald could not read. */
@ApplicationScoped
public class BounceRecords {

    private static final String INSERT_EVENT =
            "INSERT INTO bounce_event (email, kind, status, detail, at, send_id) VALUES (?,?,?,?,?,?)";
    private static final String SOFT_SINCE =
            "SELECT COUNT(*) FROM bounce_event WHERE email = ? AND kind = 'soft' AND at >= ?";
    private static final String INSERT_UNPARSED =
            "INSERT INTO bounce_unparsed (subject, sender, reason, raw, received_at) VALUES (?,?,?,?,?)";
    private static final String RECENT_EVENTS =
            "SELECT email, kind, status, detail, at FROM bounce_event ORDER BY id DESC FETCH FIRST 200 ROWS ONLY";
    private static final String RECENT_UNPARSED = "SELECT id, subject, sender, reason, received_at FROM "
            + "bounce_unparsed ORDER BY id DESC FETCH FIRST 200 ROWS ONLY";

    /** A finding the mailbox gave. */
    public record Event(String email, String kind, String status, String detail, String at) {}

    /** A message Herald could not read, kept. */
    public record Unparsed(long id, String subject, String sender, String reason, String receivedAt) {}

    /** Recent findings and the kept messages, for GET /api/bounces and the ops page. */
    public record Recent(List<Event> events, List<Unparsed> unparsed) {}

    private final DataSource dataSource;

    BounceRecords(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Records a finding, with the send it was about when its Message-ID says (the edition's figures count it). */
    void record(BounceReport.Finding f, java.util.OptionalLong send, Instant now) throws SQLException {
        Sql.update(dataSource, INSERT_EVENT, ps -> {
            ps.setString(1, f.email());
            ps.setString(2, f.kind().name().toLowerCase(Locale.ROOT));
            ps.setString(3, f.status());
            ps.setString(
                    4,
                    f.detail() == null || f.detail().length() <= 1000
                            ? f.detail()
                            : f.detail().substring(0, 1000));
            ps.setObject(5, Jdbc.ts(now));
            if (send.isPresent()) {
                ps.setLong(6, send.getAsLong());
            } else {
                ps.setNull(6, java.sql.Types.BIGINT);
            }
        });
    }

    /** Soft bounces of the address since the given time. */
    long softCount(String email, Instant since) throws SQLException {
        return Sql.longs(dataSource, SOFT_SINCE, ps -> {
                    ps.setString(1, email);
                    ps.setObject(2, Jdbc.ts(since));
                })
                .get(0);
    }

    void keep(String subject, String sender, String reason, String raw, Instant now) throws SQLException {
        Sql.update(dataSource, INSERT_UNPARSED, ps -> {
            ps.setString(1, subject);
            ps.setString(2, sender);
            ps.setString(3, reason);
            ps.setString(4, raw);
            ps.setObject(5, Jdbc.ts(now));
        });
    }

    public Recent recent() throws SQLException {
        List<Event> events = Sql.query(
                dataSource,
                RECENT_EVENTS,
                Sql.NONE,
                rs -> new Event(
                        rs.getString(1),
                        rs.getString(2),
                        rs.getString(3),
                        rs.getString(4),
                        rs.getObject(5, OffsetDateTime.class).toString()));
        List<Unparsed> unparsed = Sql.query(
                dataSource,
                RECENT_UNPARSED,
                Sql.NONE,
                rs -> new Unparsed(
                        rs.getLong(1),
                        rs.getString(2),
                        rs.getString(3),
                        rs.getString(4),
                        rs.getObject(5, OffsetDateTime.class).toString()));
        return new Recent(events, unparsed);
    }
}
