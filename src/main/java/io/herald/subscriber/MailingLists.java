package io.herald.subscriber;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

import io.herald.storage.Jdbc;
import io.herald.storage.Sql;
import jakarta.enterprise.context.ApplicationScoped;

/** The lists as their list.yaml files define them, kept in the database so that every node and send reads them. */
@ApplicationScoped
public class MailingLists {

    private final DataSource dataSource;

    MailingLists(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    public void upsert(MailingList list, Instant now) throws SQLException {
        if (Sql.update(dataSource, SubscriberQueries.UPDATE_LIST, ps -> bind(ps, list, now)) == 0) {
            Sql.update(dataSource, SubscriberQueries.INSERT_LIST, ps -> bind(ps, list, now));
        }
    }

    private static void bind(PreparedStatement ps, MailingList list, Instant now) throws SQLException {
        ps.setString(1, list.name());
        ps.setString(2, list.from());
        ps.setString(3, list.replyTo());
        ps.setString(4, list.schedule());
        ps.setString(5, list.timeZone().getId());
        ps.setString(6, list.mode().name());
        ps.setObject(7, Jdbc.ts(now));
        ps.setString(8, String.join("\n", list.feeds()));
        ps.setString(9, String.join(",", list.defaultChannels()));
        ps.setString(10, list.digestStyle().name());
        ps.setString(11, list.tracking().name());
        ps.setBoolean(12, list.opens());
        ps.setString(13, list.language());
        ps.setBoolean(14, list.archive());
        ps.setString(15, list.deliverAt() == null ? null : list.deliverAt().toString());
        ps.setString(16, list.id());
    }

    public Optional<MailingList> find(String id) throws SQLException {
        return Sql.first(dataSource, SubscriberQueries.LIST, ps -> ps.setString(1, id), MailingLists::list);
    }

    public List<MailingList> all() throws SQLException {
        return Sql.query(dataSource, SubscriberQueries.ALL_LISTS, Sql.NONE, MailingLists::list);
    }

    private static MailingList list(java.sql.ResultSet rs) throws SQLException {
        return new MailingList(
                rs.getString(1),
                rs.getString(2),
                rs.getString(3),
                rs.getString(4),
                rs.getString(5),
                ZoneId.of(rs.getString(6)),
                MailingList.Mode.valueOf(rs.getString(7)),
                split(rs.getString(8), "\n"),
                split(rs.getString(9), ","),
                rs.getString(10) == null ? null : MailingList.DigestStyle.valueOf(rs.getString(10)),
                MailingList.Tracking.valueOf(rs.getString(11)),
                rs.getBoolean(12),
                rs.getString(13),
                rs.getBoolean(14),
                rs.getString(15) == null ? null : java.time.LocalTime.parse(rs.getString(15)));
    }

    private static List<String> split(String joined, String separator) {
        return joined == null || joined.isBlank() ? List.of() : List.of(joined.split(separator));
    }

    /** The members file's fingerprint at the last sync, read on the sync's own connection. */
    Optional<String> membersFingerprint(Connection c, String listId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(SubscriberQueries.MEMBERS_FINGERPRINT)) {
            ps.setString(1, listId);
            try (var rs = ps.executeQuery()) {
                return rs.next() ? Optional.ofNullable(rs.getString(1)) : Optional.empty();
            }
        }
    }

    void setMembersFingerprint(Connection c, String listId, String fingerprint) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(SubscriberQueries.SET_MEMBERS_FINGERPRINT)) {
            ps.setString(1, fingerprint);
            ps.setString(2, listId);
            ps.executeUpdate();
        }
    }
}
