package io.herald.support;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import javax.sql.DataSource;

/**
 * The tests share one in-memory database: posts queued by earlier test classes (schedules that sent every recent
 * article) would be published by the next test that runs the publish job, each with its card drawn. A publishing
 * test starts from an outbox without them, so it publishes (and checks) its own articles only.
 */
public final class OutboxBacklog {

    private OutboxBacklog() {}

    /** Sets aside every post still pending, with the reason on the row. */
    public static void setAside(DataSource dataSource) throws SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(
                        "UPDATE social_post SET state = 'skipped', "
                                + "last_error = 'set aside by a test: queued by an earlier test class' WHERE state = 'pending'")) {
            ps.executeUpdate();
        }
    }
}
