package io.herald;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One owner per table: every statement that writes a table (INSERT, UPDATE, DELETE, MERGE) sits in the one file that
 * owns it, so a table's writes can be read in one place. Reads may join other domains' tables. A new table, or a
 * write from anywhere else, fails here until this map says who owns it (docs/architecture.md has the same list).
 */
class TableOwnersTest {

    private static final Map<String, String> OWNERS = new TreeMap<>(Map.ofEntries(
            Map.entry("app_secret", "storage/AppSecrets.java"),
            Map.entry("app_user", "security/AccountQueries.java"),
            Map.entry("app_user_list", "security/AccountQueries.java"),
            Map.entry("audit_entry", "audit/AuditQueries.java"),
            Map.entry("user_invite", "people/InviteQueries.java"),
            Map.entry("article", "article/ArticleStore.java"),
            Map.entry("article_card", "social/card/CardStore.java"),
            Map.entry("card_choice", "social/card/CardChoices.java"),
            Map.entry("bounce_event", "bounce/BounceRecords.java"),
            Map.entry("bounce_unparsed", "bounce/BounceRecords.java"),
            Map.entry("channel_arrival", "insight/InsightQueries.java"),
            Map.entry("consent_event", "subscriber/SubscriberQueries.java"),
            Map.entry("delivery", "delivery/DeliveryQueries.java"),
            Map.entry("edition", "delivery/DeliveryQueries.java"),
            Map.entry("edition_article", "delivery/DeliveryQueries.java"),
            Map.entry("edition_link", "insight/InsightQueries.java"),
            Map.entry("feed", "feed/FeedStore.java"),
            Map.entry("feed_item", "feed/FeedStore.java"),
            Map.entry("job_run", "schedule/JobRunStore.java"),
            Map.entry("link_click", "insight/InsightQueries.java"),
            Map.entry("mailing_list", "subscriber/SubscriberQueries.java"),
            Map.entry("membership", "subscriber/SubscriberQueries.java"),
            Map.entry("reader_click", "insight/InsightQueries.java"),
            Map.entry("send", "delivery/DeliveryQueries.java"),
            Map.entry("send_batch", "delivery/DeliveryQueries.java"),
            Map.entry("signup_request", "insight/InsightQueries.java"),
            Map.entry("social_post", "social/OutboxStore.java"),
            Map.entry("subject_variant", "delivery/DeliveryQueries.java"),
            Map.entry("subscriber", "subscriber/SubscriberQueries.java"),
            Map.entry("suppression", "subscriber/SubscriberQueries.java"),
            Map.entry("teaser", "social/TeaserStore.java")));

    private static final Path MAIN = Path.of("src/main/java/io/herald");
    /** In Java string literals only (comments say "update" too), SQL keywords in capitals as Herald writes them. */
    private static final Pattern LITERAL = Pattern.compile("\"(?:[^\"\\\\\n]|\\\\.)*\"");

    private static final Pattern WRITE = Pattern.compile("\\b(?:INSERT INTO|UPDATE|DELETE FROM|MERGE INTO)\\s+(\\w+)");
    private static final Pattern CREATE = Pattern.compile("(?i)CREATE TABLE (?:IF NOT EXISTS )?(\\w+)");

    @Test
    void eachTableIsWrittenFromItsOwnerOnly() throws Exception {
        Map<String, Set<String>> writers = new TreeMap<>();
        try (Stream<Path> files = Files.walk(MAIN)) {
            for (Path file : files.filter(
                            f -> f.toString().endsWith(".java") && !f.startsWith(MAIN.resolve("storage/migration")))
                    .toList()) {
                Matcher literal = LITERAL.matcher(Files.readString(file));
                while (literal.find()) {
                    Matcher m = WRITE.matcher(literal.group());
                    while (m.find()) {
                        String table = m.group(1).toLowerCase(java.util.Locale.ROOT);
                        if (!table.startsWith("qrtz_")) {
                            writers.computeIfAbsent(table, t -> new TreeSet<>())
                                    .add(MAIN.relativize(file).toString().replace('\\', '/'));
                        }
                    }
                }
            }
        }
        Map<String, String> actual = new TreeMap<>();
        writers.forEach((table, files) -> actual.put(table, String.join(" and ", files)));
        assertThat(actual).as("the files that write each table").isEqualTo(OWNERS);
    }

    @Test
    void everyTableTheSchemaCreatesHasAnOwner() throws Exception {
        Set<String> tables = new TreeSet<>();
        try (Stream<Path> files = Files.walk(Path.of("src/main/resources/db/migration"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".sql")).toList()) {
                Matcher m = CREATE.matcher(Files.readString(file));
                while (m.find()) {
                    tables.add(m.group(1).toLowerCase(java.util.Locale.ROOT));
                }
            }
        }
        assertThat(OWNERS.keySet()).containsAll(tables);
    }
}
