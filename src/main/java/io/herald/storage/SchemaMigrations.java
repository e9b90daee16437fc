package io.herald.storage;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.BitSet;
import java.util.zip.CRC32;
import javax.sql.DataSource;

import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;

/**
 * Brings the database's schema to this build's version at start, before anything reads a table (Quartz's start
 * observer, at priority 0, reads its own): Flyway runs the migrations in {@link #LOCATIONS}, checking first that those
 * already applied are the ones this build ships.
 *
 * <p>Most starts find the schema current, and Flyway's setting up alone (its plugins' configuration copied through
 * Jackson, its database support, then the validation) took a sixth of the main thread's CPU of a second start, about
 * 0.35 s of CPU on two cores (BENCHMARKS.md, "Flyway only when there is something to migrate"). So a start first reads Flyway's history table itself ({@link #current}); only when
 * that shows anything but exactly this build's migrations, each applied with success and each SQL script's checksum
 * the one Flyway recorded, does Flyway run. A migration edited after it was applied therefore still stops the start,
 * with Flyway's own message.
 */
@ApplicationScoped
public class SchemaMigrations {

    /**
     * Where the migrations are: SQL scripts, and Java migrations (Quartz's tables, H2's identity blocks, indexes for
     * PostgreSQL only).
     */
    private static final String[] LOCATIONS = {"classpath:db/migration", "classpath:io/herald/storage/migration"};

    /**
     * The highest migration version this build ships; versions run from 1 to it without a gap, every one versioned
     * (no repeatable migration). A new migration raises it ({@code SchemaMigrationsTest} checks it against the files).
     */
    static final int LATEST_VERSION = 26;

    /** Before Quartz's own start observer (priority 0), which reads its tables. */
    static final int START_PRIORITY = -100;

    private static final String SQL_FOLDER = "db/migration/";

    /** Entries Flyway adds for the history table or schema it created: no migration, nothing to check. */
    private static final java.util.Set<String> MARKERS = java.util.Set.of("TABLE", "SCHEMA");

    private final DataSource dataSource;

    SchemaMigrations(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    void onStart(@Observes @Priority(START_PRIORITY) StartupEvent event) throws SQLException {
        long started = System.nanoTime();
        try (Connection c = dataSource.getConnection()) {
            if (current(c)) {
                Log.infof(
                        "Database schema at version %d, as this build ships it (checked in %d ms)",
                        LATEST_VERSION, (System.nanoTime() - started) / 1_000_000);
                return;
            }
        }
        migrate();
    }

    /** Runs Flyway: validates the migrations applied so far, then applies the rest. */
    MigrateResult migrate() {
        return flyway(dataSource).migrate();
    }

    /** Flyway with Herald's migrations on this database (tests run them on databases of their own with it). */
    public static Flyway flyway(DataSource dataSource) {
        return Flyway.configure(SchemaMigrations.class.getClassLoader())
                .dataSource(dataSource)
                .locations(LOCATIONS)
                .load();
    }

    /**
     * Whether the history table lists exactly versions 1 to {@link #LATEST_VERSION}, each once, applied with success,
     * each SQL script with the checksum Flyway would compute for the one in this build and each Java migration still
     * in it. False (Flyway then decides) for anything else: no history table, a failed or other kind of entry, a
     * version this build does not know (a newer node migrated further), a missing one, an edited script. Flyway's
     * marker of the table it made in an empty schema is no migration and is passed over.
     */
    static boolean current(Connection c) {
        BitSet seen = new BitSet(LATEST_VERSION + 1);
        try (Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT \"version\", \"type\", \"script\", \"checksum\", \"success\""
                        + " FROM \"flyway_schema_history\"")) {
            while (rs.next()) {
                String type = rs.getString(2);
                if (rs.getString(1) == null && MARKERS.contains(type) && rs.getBoolean(5)) {
                    continue;
                }
                int version = version(rs.getString(1));
                String script = rs.getString(3);
                Integer checksum = rs.getObject(4) == null ? null : rs.getInt(4);
                if (version < 1 || version > LATEST_VERSION || seen.get(version) || !rs.getBoolean(5)) {
                    return false;
                }
                boolean unchanged = switch (type) {
                    case "SQL" -> checksum != null && checksum.equals(sqlChecksum(script));
                    case "JDBC" -> checksum == null && javaMigrationPresent(script);
                    default -> false;
                };
                if (!unchanged) {
                    return false;
                }
                seen.set(version);
            }
        } catch (SQLException noHistoryYet) {
            // An empty database (or a history this check cannot read): Flyway makes the table or says what is wrong.
            return false;
        }
        return seen.cardinality() == LATEST_VERSION;
    }

    private static int version(String version) {
        try {
            return version == null ? -1 : Integer.parseInt(version);
        } catch (NumberFormatException notOurs) {
            return -1;
        }
    }

    /**
     * Flyway's checksum of a script in this build: the CRC-32 of its lines in UTF-8, without their line breaks and
     * without a byte-order mark at the start; null when the build has no such script.
     */
    static Integer sqlChecksum(String script) {
        if (script == null || script.contains("/") || script.contains("\\")) {
            return null;
        }
        InputStream in = SchemaMigrations.class.getClassLoader().getResourceAsStream(SQL_FOLDER + script);
        if (in == null) {
            return null;
        }
        CRC32 crc = new CRC32();
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line = lines.readLine();
            if (line != null && !line.isEmpty() && line.charAt(0) == '\uFEFF') {
                line = line.substring(1);
            }
            for (; line != null; line = lines.readLine()) {
                crc.update(line.getBytes(StandardCharsets.UTF_8));
            }
        } catch (IOException unreadable) {
            return null;
        }
        return (int) crc.getValue();
    }

    private static boolean javaMigrationPresent(String className) {
        return className != null
                && SchemaMigrations.class.getClassLoader().getResource(className.replace('.', '/') + ".class") != null;
    }
}
