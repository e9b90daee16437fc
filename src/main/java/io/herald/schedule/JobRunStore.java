package io.herald.schedule;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

import io.herald.storage.Jdbc;
import io.herald.storage.Sql;
import jakarta.enterprise.context.ApplicationScoped;

/** The job_run table: one row per background job, written by {@link JobRunRecorder} on whichever node ran it. */
@ApplicationScoped
public class JobRunStore {

    private static final String REGISTER = "UPDATE job_run SET interval_ms = ?, registered_at = ? WHERE job = ?";
    private static final String INSERT = "INSERT INTO job_run (job, interval_ms, registered_at) VALUES (?, ?, ?)";
    private static final String STARTED = "UPDATE job_run SET last_start_at = ? WHERE job = ?";
    private static final String SUCCEEDED =
            "UPDATE job_run SET last_success_at = ?, last_duration_ms = ? " + "WHERE job = ?";
    private static final String FAILED = "UPDATE job_run SET last_failure_at = ?, last_duration_ms = ?, "
            + "last_error = ?, failures = failures + 1 WHERE job = ?";
    private static final String SELECT = "SELECT job, interval_ms, registered_at, last_start_at, last_success_at, "
            + "last_failure_at, last_error, last_duration_ms, failures FROM job_run";

    private final DataSource dataSource;

    JobRunStore(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Creates or refreshes the job's row when a node registers it; its history stays. */
    void register(SystemJob job, Duration interval, Instant now) throws SQLException {
        Sql.Binder refresh = ps -> {
            ps.setLong(1, interval.toMillis());
            ps.setObject(2, Jdbc.ts(now));
            ps.setString(3, job.id());
        };
        if (Sql.update(dataSource, REGISTER, refresh) > 0) {
            return;
        }
        try {
            Sql.update(dataSource, INSERT, ps -> {
                ps.setString(1, job.id());
                ps.setLong(2, interval.toMillis());
                ps.setObject(3, Jdbc.ts(now));
            });
        } catch (SQLException raced) {
            // Another node inserted it in between.
            if (Sql.update(dataSource, REGISTER, refresh) == 0) {
                throw raced;
            }
        }
    }

    void started(SystemJob job, Instant at) throws SQLException {
        Sql.update(dataSource, STARTED, ps -> {
            ps.setObject(1, Jdbc.ts(at));
            ps.setString(2, job.id());
        });
    }

    void succeeded(SystemJob job, Instant at, Duration took) throws SQLException {
        Sql.update(dataSource, SUCCEEDED, ps -> {
            ps.setObject(1, Jdbc.ts(at));
            ps.setLong(2, took.toMillis());
            ps.setString(3, job.id());
        });
    }

    void failed(SystemJob job, Instant at, Duration took, String error) throws SQLException {
        Sql.update(dataSource, FAILED, ps -> {
            ps.setObject(1, Jdbc.ts(at));
            ps.setLong(2, took.toMillis());
            ps.setString(3, error.length() > 2000 ? error.substring(0, 2000) : error);
            ps.setString(4, job.id());
        });
    }

    /** Every job that some node registered, in {@link SystemJob} order. */
    public List<JobRun> all() throws SQLException {
        List<JobRun> runs = Sql.query(dataSource, SELECT, Sql.NONE, JobRunStore::row).stream()
                .flatMap(Optional::stream)
                .toList();
        return runs.stream().sorted(java.util.Comparator.comparing(JobRun::job)).toList();
    }

    private static Optional<JobRun> row(ResultSet rs) throws SQLException {
        Optional<SystemJob> job = SystemJob.byId(rs.getString("job"));
        if (job.isEmpty()) {
            return Optional.empty(); // a job a newer version registered and this one does not know
        }
        long took = rs.getLong("last_duration_ms");
        Duration duration = rs.wasNull() ? null : Duration.ofMillis(took);
        return Optional.of(new JobRun(
                job.get(),
                Duration.ofMillis(rs.getLong("interval_ms")),
                instant(rs, "registered_at"),
                instant(rs, "last_start_at"),
                instant(rs, "last_success_at"),
                instant(rs, "last_failure_at"),
                rs.getString("last_error"),
                duration,
                rs.getLong("failures")));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }
}
