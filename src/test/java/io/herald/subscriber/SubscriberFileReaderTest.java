package io.herald.subscriber;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SubscriberFileReaderTest {

    private final SubscriberFileReader reader = new SubscriberFileReader();

    @Test
    void aBadRowIsReportedWithItsLineAndTheRestLoads() {
        Path folder = Path.of("src/test/resources/fixtures/subscribers/mixed");
        SubscriberFileReader.ListFolder read = reader.read(folder);

        assertThat(read.list()).hasValueSatisfying(l -> {
            assertThat(l.id()).isEqualTo("mixed");
            assertThat(l.mode()).isEqualTo(MailingList.Mode.DIGEST);
        });
        assertThat(read.members()).extracting(Member::email)
                .containsExactly("good.one@example.com", "second@example.com");
        assertThat(read.problems()).extracting(p -> p.file().getFileName() + ":" + p.line())
                .containsExactly("members.csv:3", "members.csv:4", "members.csv:6"); // the quoted row spans lines 4-5
        assertThat(read.problems().get(0).reason()).contains("not-an-address");
        assertThat(read.problems().get(1).reason()).contains("line breaks");
        assertThat(read.problems().get(2).reason()).contains("listed twice");
    }

    @Test
    void aListWithoutSenderIsRefusedWithTheReason(@TempDir Path dir) throws Exception {
        Path folder = Files.createDirectory(dir.resolve("news"));
        Files.writeString(folder.resolve("list.yaml"), "name: News\nschedule: \"not a cron\"\n");
        SubscriberFileReader.ListFolder read = reader.read(folder);
        assertThat(read.list()).isEmpty();
        assertThat(read.problems()).singleElement().satisfies(p -> assertThat(p.reason()).startsWith("from:"));
    }

    @Test
    void aBadCronIsRefused(@TempDir Path dir) throws Exception {
        Path folder = Files.createDirectory(dir.resolve("news"));
        Files.writeString(folder.resolve("list.yaml"), "from: a@example.org\nschedule: \"every day\"\n");
        assertThat(reader.read(folder).problems()).singleElement()
                .satisfies(p -> assertThat(p.reason()).contains("not a Quartz cron"));
    }

    @Test
    void addressesAreCheckedAndLowerCased() {
        assertThat(EmailAddresses.check(" Ada@Example.ORG ").address()).isEqualTo("ada@example.org");
        assertThat(EmailAddresses.check("Ada <ada@example.org>").ok()).isEmpty();
        assertThat(EmailAddresses.check("ada@localhost").ok()).isEmpty();
        assertThat(EmailAddresses.check("a\nb@example.org").ok()).isEmpty();
    }

    @Test
    void feedsAndDefaultChannelsComeFromListYaml(@TempDir Path dir) throws Exception {
        Path folder = Files.createDirectory(dir.resolve("ledger"));
        Files.writeString(folder.resolve("list.yaml"), """
                from: news@example.org
                feeds:
                  - https://ledger.example.org/feed/
                  - https://ledger.example.org/economy/feed/
                default-channels: x, telegram
                """);
        assertThat(reader.read(folder).list()).hasValueSatisfying(l -> {
            assertThat(l.feeds()).containsExactly("https://ledger.example.org/feed/",
                    "https://ledger.example.org/economy/feed/");
            assertThat(l.defaultChannels()).containsExactly("x", "telegram");
        });
        Files.writeString(folder.resolve("list.yaml"), "from: news@example.org\nfeeds: [\"file:///etc/passwd\"]\n");
        assertThat(reader.read(folder).problems()).singleElement()
                .satisfies(p -> assertThat(p.reason()).contains("not an http(s) URL"));
    }
}
