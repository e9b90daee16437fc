package io.herald.social.card;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;

/** What editors chose for an article's cards (table card_choice). */
@ApplicationScoped
public class CardChoices {

    /**
     * Another photo than the article's ({@code photoUrl}), no photo at all, and the channels whose posts go without
     * a card.
     */
    public record Choice(String photoUrl, boolean noPhoto, Set<String> channelsOff) {
        public static final Choice NONE = new Choice(null, false, Set.of());

        public Choice {
            channelsOff = java.util.Collections.unmodifiableSortedSet(new TreeSet<>(channelsOff));
        }

        public boolean cardFor(String channel) {
            return !channelsOff.contains(channel);
        }
    }

    private final DataSource dataSource;

    CardChoices(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    public Choice find(long articleId) throws SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(
                        "SELECT photo_url, no_photo, channels_off FROM card_choice WHERE article_id = ?")) {
            ps.setLong(1, articleId);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Choice.NONE;
                }
                Set<String> off = Arrays.stream(rs.getString(3).split(","))
                        .filter(s -> !s.isBlank())
                        .collect(Collectors.toCollection(TreeSet::new));
                return new Choice(rs.getString(1), rs.getBoolean(2), off);
            }
        }
    }

    public void save(long articleId, Choice choice, String by, Instant at) throws SQLException {
        String off = String.join(",", new TreeSet<>(choice.channelsOff()));
        try (Connection c = dataSource.getConnection()) {
            try (PreparedStatement up = c.prepareStatement("UPDATE card_choice SET photo_url = ?, no_photo = ?, "
                    + "channels_off = ?, changed_by = ?, changed_at = ? WHERE article_id = ?")) {
                up.setString(1, choice.photoUrl());
                up.setBoolean(2, choice.noPhoto());
                up.setString(3, off);
                up.setString(4, by);
                up.setTimestamp(5, Timestamp.from(at));
                up.setLong(6, articleId);
                if (up.executeUpdate() > 0) {
                    return;
                }
            }
            try (PreparedStatement in = c.prepareStatement("INSERT INTO card_choice (article_id, photo_url, no_photo, "
                    + "channels_off, changed_by, changed_at) VALUES (?,?,?,?,?,?)")) {
                in.setLong(1, articleId);
                in.setString(2, choice.photoUrl());
                in.setBoolean(3, choice.noPhoto());
                in.setString(4, off);
                in.setString(5, by);
                in.setTimestamp(6, Timestamp.from(at));
                in.executeUpdate();
            }
        }
    }
}
