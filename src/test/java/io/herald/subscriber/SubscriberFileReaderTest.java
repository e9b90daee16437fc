package io.herald.subscriber;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

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
        assertThat(read.members())
                .extracting(Member::email)
                .containsExactly("good.one@example.com", "second@example.com");
        assertThat(read.problems())
                .extracting(p -> p.file().getFileName() + ":" + p.line())
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
        assertThat(read.problems())
                .singleElement()
                .satisfies(p -> assertThat(p.reason()).startsWith("from:"));
    }

    @Test
    void aBadCronIsRefused(@TempDir Path dir) throws Exception {
        Path folder = Files.createDirectory(dir.resolve("news"));
        Files.writeString(folder.resolve("list.yaml"), "from: a@example.org\nschedule: \"every day\"\n");
        assertThat(reader.read(folder).problems())
                .singleElement()
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
            assertThat(l.feeds())
                    .containsExactly("https://ledger.example.org/feed/", "https://ledger.example.org/economy/feed/");
            assertThat(l.defaultChannels()).containsExactly("x", "telegram");
        });
        Files.writeString(folder.resolve("list.yaml"), "from: news@example.org\nfeeds: [\"file:///etc/passwd\"]\n");
        assertThat(reader.read(folder).problems())
                .singleElement()
                .satisfies(p -> assertThat(p.reason()).contains("not an http(s) URL"));
    }

    /** What spreadsheets save: a byte order mark, UTF-16 with tabs, semicolons, and headers in their own words. */
    @Test
    void spreadsheetExportsRead(@TempDir Path dir) throws Exception {
        Path bom = dir.resolve("bom.csv");
        Files.write(
                bom,
                concat(
                        new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF},
                        "Email,Name\r\nbom@example.org,Bo M\u00fcller\r\n"
                                .getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        Path utf16 = dir.resolve("unicode.txt");
        Files.write(
                utf16,
                concat(
                        new byte[] {(byte) 0xFF, (byte) 0xFE},
                        "E-mail Address\tFull Name\r\ntab@example.org\tKurtulmu\u015f\r\n"
                                .getBytes(java.nio.charset.StandardCharsets.UTF_16LE)));
        Path semicolons = dir.resolve("semicolons.csv");
        Files.writeString(semicolons, "name;email\n\"Doe; Jane\";jane@example.org\nAigerim;aigerim@example.kz\n");

        assertThat(members(bom)).containsExactly("bom@example.org Bo M\u00fcller");
        assertThat(members(utf16)).containsExactly("tab@example.org Kurtulmu\u015f");
        assertThat(members(semicolons)).containsExactly("jane@example.org Doe; Jane", "aigerim@example.kz Aigerim");
    }

    @Test
    void aRowThatIsNotUtf8IsRefusedWithItsLineAndTheRestLoads(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("latin1.csv");
        Files.write(
                file,
                concat(
                        "email,name\nlatin@example.org,Jos".getBytes(java.nio.charset.StandardCharsets.US_ASCII),
                        new byte[] {(byte) 0xE9},
                        "\nnext@example.org,Next\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII)));
        java.util.List<FileProblem> problems = new java.util.ArrayList<>();
        java.util.List<String> read = new java.util.ArrayList<>();
        assertThat(reader.readMembers(file, (m, line) -> read.add(m.email()), problems))
                .isTrue();
        assertThat(read).containsExactly("next@example.org");
        assertThat(problems).singleElement().satisfies(p -> {
            assertThat(p.line()).isEqualTo(2);
            assertThat(p.reason()).contains("not UTF-8");
        });
    }

    @Test
    void anUnclosedQuoteStopsTheReadingAtItsLineKeepingTheRowsBefore(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("members.csv");
        Files.writeString(file, "email,name\na@example.org,A\nb@example.org,\"B\nc@example.org,C\n");
        java.util.List<FileProblem> problems = new java.util.ArrayList<>();
        java.util.List<String> read = new java.util.ArrayList<>();
        assertThat(reader.readMembers(file, (m, line) -> read.add(m.email()), problems))
                .as("read to the end")
                .isFalse();
        assertThat(read).containsExactly("a@example.org");
        assertThat(problems).singleElement().satisfies(p -> {
            assertThat(p.line()).isEqualTo(3);
            assertThat(p.reason())
                    .isEqualTo("stopped reading: a quoted field opened on line 3 is never closed; the "
                            + "rows from there on were not read");
        });
    }

    @Test
    void aHeaderWithoutAnEmailColumnSaysWhatItFound(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("members.csv");
        Files.writeString(file, "name,mail address\nA,a@example.org\n");
        java.util.List<FileProblem> problems = new java.util.ArrayList<>();
        assertThat(reader.readMembers(file, (m, line) -> {}, problems)).isFalse();
        assertThat(problems).singleElement().satisfies(p -> {
            assertThat(p.line()).isEqualTo(1);
            assertThat(p.reason()).isEqualTo(SubscriberFileReader.NO_EMAIL_COLUMN + " (found: name, mail address)");
        });
    }

    private java.util.List<String> members(Path file) {
        java.util.List<FileProblem> problems = new java.util.ArrayList<>();
        java.util.List<String> read = new java.util.ArrayList<>();
        reader.readMembers(file, (m, line) -> read.add(m.email() + " " + m.name()), problems);
        assertThat(problems).as(file.getFileName().toString()).isEmpty();
        return read;
    }

    private static byte[] concat(byte[]... parts) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }
}
