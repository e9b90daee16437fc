package io.herald.delivery;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;

/** What the ops console reads besides a send's report: recent sends, their failures, a list's audience. */
@ApplicationScoped
public class SendHistory {

    /** A recipient a send could not reach, with the server's words. */
    public record Failure(long sendId, String email, String state, int attempts, String reply) {}

    /** Who a send to a list would reach: active members, and those of them on the suppression list. */
    public record Audience(long active, long suppressed) {
        public long recipients() {
            return active - suppressed;
        }
    }

    /** An edition an article went out in: the send, its list, edition and status. */
    public record EditionState(long sendId, long editionId, String listId, boolean dryRun, String status) {}

    /** An email of a send to one reader, for a GDPR access request. */
    public record EmailSent(long send, String list, String state, String at) {}

    private final DataSource dataSource;

    SendHistory(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * An edition that went to a whole list, as the public landing page links it; {@code zone} is its list's time
     * zone, for dates on reader pages.
     */
    public record PublicEdition(
            long editionId, String listName, String leadTitle, java.time.Instant sentAt, java.time.ZoneId zone) {}

    /** The newest editions sent for real (not dry runs), each with its lead story's headline. */
    public List<PublicEdition> recentEditions(int limit) throws SQLException {
        return io.herald.storage.Sql.query(
                dataSource,
                DeliveryQueries.RECENT_EDITIONS,
                ps -> ps.setInt(1, limit),
                rs -> new PublicEdition(
                        rs.getLong(1),
                        rs.getString(2),
                        rs.getString(3),
                        rs.getObject(4, java.time.OffsetDateTime.class).toInstant(),
                        java.time.ZoneId.of(rs.getString(5))));
    }

    /** An edition in a list's archive: which, and when it finished going out. */
    public record ArchivedEdition(long editionId, java.time.Instant sentAt) {}

    /** One page of a list's archive, newest first. */
    public List<ArchivedEdition> archived(String listId, int offset, int limit) throws SQLException {
        return io.herald.storage.Sql.query(
                dataSource,
                DeliveryQueries.ARCHIVED_EDITIONS,
                ps -> {
                    ps.setString(1, listId);
                    ps.setInt(2, offset);
                    ps.setInt(3, limit);
                },
                rs -> new ArchivedEdition(
                        rs.getLong(1),
                        rs.getObject(2, java.time.OffsetDateTime.class).toInstant()));
    }

    /** How many editions a list's archive holds. */
    public long archivedCount(String listId) throws SQLException {
        return io.herald.storage.Sql.count(dataSource, DeliveryQueries.ARCHIVED_COUNT, ps -> ps.setString(1, listId));
    }

    /** A send as its row has it, without counting its readers (GET /api/sends/{id} counts them). */
    public record SendRow(
            long id,
            String list,
            long edition,
            boolean dryRun,
            SendStatus status,
            String statusReason,
            String startedBy,
            java.time.Instant createdAt,
            java.time.Instant startedAt,
            java.time.Instant finishedAt) {

        /** The row as {@link DeliveryQueries#SEND_COLUMNS} selects it. */
        static SendRow read(ResultSet rs) throws SQLException {
            return new SendRow(
                    rs.getLong(1),
                    rs.getString(2),
                    rs.getLong(3),
                    rs.getBoolean(4),
                    SendStatus.of(rs.getString(5)),
                    rs.getString(10),
                    rs.getString(6),
                    io.herald.storage.Sql.instant(rs, 7),
                    io.herald.storage.Sql.instant(rs, 8),
                    io.herald.storage.Sql.instant(rs, 9));
        }
    }

    /**
     * Up to {@code limit} sends newest first, below the id {@code before} (null: from the newest), of one list and in
     * one status when given (null: any).
     */
    public List<SendRow> sends(Long before, String list, SendStatus status, int limit) throws SQLException {
        String state = status == null ? null : status.text();
        return io.herald.storage.Sql.query(
                dataSource,
                DeliveryQueries.SENDS_PAGE,
                ps -> {
                    ps.setObject(1, before, java.sql.Types.BIGINT);
                    ps.setObject(2, before, java.sql.Types.BIGINT);
                    ps.setString(3, list);
                    ps.setString(4, list);
                    ps.setString(5, state);
                    ps.setString(6, state);
                    ps.setInt(7, limit);
                },
                SendRow::read);
    }

    /** How many sends there are of that list and status (null: any). */
    public long sendCount(String list, SendStatus status) throws SQLException {
        String state = status == null ? null : status.text();
        return io.herald.storage.Sql.count(dataSource, DeliveryQueries.SENDS_COUNT, ps -> {
            ps.setString(1, list);
            ps.setString(2, list);
            ps.setString(3, state);
            ps.setString(4, state);
        });
    }

    public List<Long> recentSends(int limit) throws SQLException {
        return io.herald.storage.Sql.query(
                dataSource, DeliveryQueries.RECENT_SENDS, ps -> ps.setInt(1, limit), rs -> rs.getLong(1));
    }

    /** Every send of every edition each article is in, newest first, keyed by article id. */
    public java.util.Map<Long, List<EditionState>> editionsByArticle() throws SQLException {
        java.util.Map<Long, List<EditionState>> result = new java.util.HashMap<>();
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(DeliveryQueries.EDITIONS_BY_ARTICLE);
                ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                result.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>())
                        .add(new EditionState(
                                rs.getLong(2), rs.getLong(3), rs.getString(4), rs.getBoolean(5), rs.getString(6)));
            }
        }
        return result;
    }

    public List<Failure> failures(long sendId, int limit) throws SQLException {
        return io.herald.storage.Sql.query(
                dataSource,
                DeliveryQueries.FAILURES,
                ps -> {
                    ps.setLong(1, sendId);
                    ps.setInt(2, limit);
                },
                rs -> new Failure(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getInt(4), rs.getString(5)));
    }

    /** Every ledger row of one reader: the emails sent (or tried) to them. */
    public List<EmailSent> emailsTo(long subscriberId) throws SQLException {
        return io.herald.storage.Sql.query(
                dataSource,
                DeliveryQueries.EMAILS_TO,
                ps -> ps.setLong(1, subscriberId),
                rs -> new EmailSent(
                        rs.getLong(1),
                        rs.getString(2),
                        rs.getString(3),
                        rs.getObject(4, java.time.OffsetDateTime.class).toString()));
    }

    public Audience audience(String listId) throws SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(DeliveryQueries.AUDIENCE)) {
            ps.setString(1, listId);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return new Audience(rs.getLong(1), rs.getLong(2));
            }
        }
    }
}
