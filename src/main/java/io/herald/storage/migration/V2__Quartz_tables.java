package io.herald.storage.migration;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/**
 * Creates Quartz's JDBC job store tables from the scripts shipped inside the Quartz jar, so the schema always
 * matches the Quartz version on the classpath and none of its SQL is copied into this repository.
 */
public class V2__Quartz_tables extends BaseJavaMigration {

    @Override
    public void migrate(Context context) throws Exception {
        String product =
                context.getConnection().getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT);
        boolean postgres = product.contains("postgres");
        String script = read(postgres ? "tables_postgres.sql" : "tables_h2.sql");
        try (Statement statement = context.getConnection().createStatement()) {
            for (String sql : statements(script)) {
                // H2 2.x has no IMAGE type; BLOB is what the H2 script means by it.
                statement.execute(postgres ? sql : sql.replaceAll("(?i)\\bIMAGE\\b", "BLOB"));
            }
        }
    }

    /** The script's statements without comments, the DROPs that guard a re-run and the closing COMMIT. */
    static List<String> statements(String script) {
        StringBuilder text = new StringBuilder();
        for (String line : script.split("\n")) {
            if (!line.strip().startsWith("--")) {
                text.append(line).append('\n');
            }
        }
        List<String> result = new ArrayList<>();
        for (String sql : text.toString().split(";")) {
            String s = sql.strip();
            String upper = s.toUpperCase(Locale.ROOT);
            if (!s.isEmpty() && !upper.startsWith("DROP ") && !upper.equals("COMMIT")) {
                result.add(s);
            }
        }
        return result;
    }

    private static String read(String name) throws IOException {
        String path = "org/quartz/impl/jdbcjobstore/" + name;
        try (InputStream in = org.quartz.Scheduler.class.getClassLoader().getResourceAsStream(path)) {
            if (in == null) {
                throw new IOException("Quartz script not found on the classpath: " + path);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
