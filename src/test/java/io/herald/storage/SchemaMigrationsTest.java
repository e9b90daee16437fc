package io.herald.storage;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A start leaves Flyway out only when the history shows exactly this build's migrations, unchanged; anything else
 * (an empty database, a migration not yet applied, a failed one, an edited script, a newer node's version) goes to
 * Flyway. On PostgreSQL: {@code PostgresMigrationTest}.
 */
class SchemaMigrationsTest {

    private static final Pattern MIGRATION = Pattern.compile("V(\\d+)__\\w+\\.(sql|java)");

    private JdbcDataSource ds;

    @BeforeEach
    void database() {
        ds = new JdbcDataSource();
        ds.setURL("jdbc:h2:mem:schema-migrations-" + System.nanoTime() + ";DB_CLOSE_DELAY=-1");
    }

    @Test
    void latestVersionIsTheHighestMigrationInTheSourcesAndNoneIsMissing() throws IOException {
        List<Integer> versions;
        try (Stream<Path> sql = Files.list(Path.of("src/main/resources/db/migration"));
                Stream<Path> java = Files.list(Path.of("src/main/java/io/herald/storage/migration"))) {
            versions = Stream.concat(sql, java)
                    .map(p -> p.getFileName().toString())
                    .map(name -> {
                        Matcher m = MIGRATION.matcher(name);
                        assertThat(m.matches())
                                .as(
                                        "%s: a versioned migration (V<n>__<description>); a start's check knows no other",
                                        name)
                                .isTrue();
                        return Integer.parseInt(m.group(1));
                    })
                    .sorted()
                    .toList();
        }
        assertThat(versions)
                .as("every version from 1 to SchemaMigrations.LATEST_VERSION once: raise it with a new migration")
                .containsExactlyElementsOf(IntStream.rangeClosed(1, SchemaMigrations.LATEST_VERSION)
                        .boxed()
                        .toList());
    }

    @Test
    void aMigratedDatabaseIsCurrentAndAStartLeavesFlywayOut() throws SQLException {
        try (Connection c = ds.getConnection()) {
            assertThat(SchemaMigrations.current(c)).as("no history table yet").isFalse();
            assertThat(new SchemaMigrations(ds).migrate().migrationsExecuted)
                    .isEqualTo(SchemaMigrations.LATEST_VERSION);
            assertThat(SchemaMigrations.current(c)).isTrue();
        }
    }

    @Test
    void anEditedScriptAFailedOrMissingMigrationOrANewerVersionGoesToFlyway() throws SQLException {
        new SchemaMigrations(ds).migrate();
        try (Connection c = ds.getConnection();
                Statement s = c.createStatement()) {
            String v1 = "\"flyway_schema_history\" WHERE \"version\" = '1'";

            s.executeUpdate("UPDATE " + v1.replace(" WHERE", " SET \"checksum\" = \"checksum\" + 1 WHERE"));
            assertThat(SchemaMigrations.current(c))
                    .as("V1's script edited since")
                    .isFalse();
            s.executeUpdate("UPDATE " + v1.replace(" WHERE", " SET \"checksum\" = \"checksum\" - 1 WHERE"));
            assertThat(SchemaMigrations.current(c)).isTrue();

            s.executeUpdate("UPDATE \"flyway_schema_history\" SET \"success\" = FALSE WHERE \"version\" = '14'");
            assertThat(SchemaMigrations.current(c)).as("V14 failed").isFalse();
            s.executeUpdate("UPDATE \"flyway_schema_history\" SET \"success\" = TRUE WHERE \"version\" = '14'");

            s.executeUpdate("UPDATE \"flyway_schema_history\" SET \"script\" = 'io.herald.storage.migration.Gone'"
                    + " WHERE \"version\" = '2'");
            assertThat(SchemaMigrations.current(c))
                    .as("a Java migration no longer in the build")
                    .isFalse();
            s.executeUpdate("UPDATE \"flyway_schema_history\" SET \"script\" = "
                    + "'io.herald.storage.migration.V2__Quartz_tables' WHERE \"version\" = '2'");
            assertThat(SchemaMigrations.current(c)).isTrue();

            String latest = String.valueOf(SchemaMigrations.LATEST_VERSION);
            s.executeUpdate("UPDATE \"flyway_schema_history\" SET \"version\" = '"
                    + (SchemaMigrations.LATEST_VERSION + 1) + "' WHERE \"version\" = '" + latest + "'");
            assertThat(SchemaMigrations.current(c))
                    .as("a newer build's version, this build's latest missing")
                    .isFalse();
            s.executeUpdate("UPDATE \"flyway_schema_history\" SET \"version\" = '" + latest + "' WHERE \"version\" = '"
                    + (SchemaMigrations.LATEST_VERSION + 1) + "'");
            assertThat(SchemaMigrations.current(c)).isTrue();

            s.executeUpdate("DELETE FROM \"flyway_schema_history\" WHERE \"version\" = '" + latest + "'");
            assertThat(SchemaMigrations.current(c))
                    .as("the latest migration not applied yet")
                    .isFalse();
        }
        // Flyway applies it again (the latest migration's statements may each run again): a start's other way.
        assertThat(new SchemaMigrations(ds).migrate().migrationsExecuted).isEqualTo(1);
        try (Connection c = ds.getConnection()) {
            assertThat(SchemaMigrations.current(c)).isTrue();
        }
    }

    @Test
    void v24TakesTheTerminalProgressJobOutOfQuartzsTablesAndLeavesTheOthers() throws SQLException {
        Flyway.configure()
                .configuration(SchemaMigrations.flyway(ds).getConfiguration())
                .target("23")
                .load()
                .migrate();
        String group = "io.quarkus.scheduler.Scheduler";
        String console = "1_io.herald.delivery.ConsoleProgress_ScheduledInvoker_print_1b6974cd899893cfce2a550842";
        String other = "1_io.herald.feed.Other_ScheduledInvoker_poll_0c0ffee";
        try (Connection c = ds.getConnection();
                Statement s = c.createStatement()) {
            for (String job : List.of(console, other)) {
                // The rows Quartz's JDBC store keeps for a Quarkus @Scheduled(every = "2s") method.
                s.executeUpdate("INSERT INTO QRTZ_JOB_DETAILS VALUES ('QuarkusQuartzScheduler', '" + job + "', '"
                        + group + "', NULL, 'io.quarkus.quartz.runtime.QuartzSchedulerImpl$InvokerJob', FALSE, TRUE,"
                        + " FALSE, FALSE, NULL)");
                s.executeUpdate("INSERT INTO QRTZ_TRIGGERS (SCHED_NAME, TRIGGER_NAME, TRIGGER_GROUP, JOB_NAME,"
                        + " JOB_GROUP, NEXT_FIRE_TIME, PREV_FIRE_TIME, PRIORITY, TRIGGER_STATE, TRIGGER_TYPE,"
                        + " START_TIME) VALUES ('QuarkusQuartzScheduler', '" + job + "', '" + group + "', '" + job
                        + "', '" + group + "', 1764800002000, 1764800000000, 5, 'WAITING', 'SIMPLE', 1764790000000)");
                s.executeUpdate("INSERT INTO QRTZ_SIMPLE_TRIGGERS VALUES ('QuarkusQuartzScheduler', '" + job + "', '"
                        + group + "', -1, 2000, 4821)");
            }
        }
        // V24 and the migrations after it.
        assertThat(new SchemaMigrations(ds).migrate().migrationsExecuted)
                .isEqualTo(SchemaMigrations.LATEST_VERSION - 23);
        try (Connection c = ds.getConnection();
                Statement s = c.createStatement()) {
            for (String table : List.of("QRTZ_JOB_DETAILS", "QRTZ_TRIGGERS")) {
                var names = s.executeQuery("SELECT JOB_NAME FROM " + table);
                List<String> left = new java.util.ArrayList<>();
                while (names.next()) {
                    left.add(names.getString(1));
                }
                assertThat(left).as(table).containsExactly(other);
            }
            var simple = s.executeQuery("SELECT TRIGGER_NAME FROM QRTZ_SIMPLE_TRIGGERS");
            assertThat(simple.next()).isTrue();
            assertThat(simple.getString(1)).isEqualTo(other);
            assertThat(simple.next()).isFalse();
        }
    }

    @Test
    void noChecksumForAScriptNotInTheBuild() {
        assertThat(SchemaMigrations.sqlChecksum("V99__nowhere.sql")).isNull();
        assertThat(SchemaMigrations.sqlChecksum("../application.properties")).isNull();
    }
}
