package io.herald.subscriber;

import java.util.List;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** List files sync into the database; bad rows are reported by file and line and never stop the good ones. */
@QuarkusTest
class SubscriberSyncTest {

    @Inject
    SubscriberSync sync;

    @Inject
    SubscriberStore store;

    @Inject
    MemberImports memberImports;

    @Inject
    MailingLists mailingLists;

    @Test
    void badRowsAreReportedAndGoodRowsLoad() throws Exception {
        List<FileProblem> problems = sync.syncAll(true);
        assertThat(problems)
                .extracting(Object::toString)
                .anySatisfy(
                        p -> assertThat(p)
                                .endsWith(
                                        "mixed/members.csv:3: \"not-an-address\" is not a valid address: Missing final '@domain'"));
        assertThat(problems)
                .extracting(Object::toString)
                .anySatisfy(p -> assertThat(p)
                        .endsWith("mixed/members.csv:6: good.one@example.com is listed twice; the first row counts"));
        assertThat(mailingLists.find("mixed"))
                .hasValueSatisfying(l -> assertThat(l.name()).isEqualTo("Mixed Quality List"));
        assertThat(store.sampleRecipient("mixed"))
                .hasValueSatisfying(r -> assertThat(r.email()).isEqualTo("good.one@example.com"));
        assertThat(mailingLists.all()).extracting(MailingList::id).contains("demo", "unsub", "sched", "mixed");
    }

    @Test
    void anEditedListFileIsSyncedWithoutARestart() throws Exception {
        java.nio.file.Path members =
                java.nio.file.Path.of("src/test/resources/fixtures/subscribers/signup/members.csv");
        sync.checkForChanges();
        assertThat(sync.checkForChanges()).as("nothing changed").isFalse();
        java.nio.file.Files.setLastModifiedTime(
                members, java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis() + 5_000));
        assertThat(sync.checkForChanges()).as("members.csv touched").isTrue();
    }

    /**
     * A list file that cannot be read to its end (a quote never closed, a header without an email column) removes
     * nobody: the members after the problem are not "no longer in the file".
     */
    @Test
    void aFileThatCannotBeReadToItsEndRemovesNobody(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws Exception {
        sync.syncAll(true);
        assertThat(store.sampleRecipient("mixed")).isPresent();
        java.nio.file.Path broken = dir.resolve("members.csv");
        for (String content : List.of(
                "email,name\ngood.one@example.com,\"One\nsecond@example.com,Two\n",
                "name,address\nOne,good.one@example.com\n")) {
            java.nio.file.Files.writeString(broken, content);
            List<FileProblem> problems = new java.util.ArrayList<>();
            MemberImports.SyncReport report = memberImports
                    .sync(
                            "mixed",
                            broken,
                            "broken-" + content.hashCode(),
                            true,
                            new SubscriberFileReader(),
                            "file",
                            java.time.Instant.now(),
                            problems)
                    .orElseThrow();
            assertThat(report.removed()).as(content).isZero();
            assertThat(problems)
                    .extracting(FileProblem::reason)
                    .anySatisfy(r -> assertThat(r).startsWith("nobody was removed from list mixed"));
            assertThat(store.sampleRecipient("mixed"))
                    .as("still active after: " + content)
                    .hasValueSatisfying(r -> assertThat(r.email()).isEqualTo("good.one@example.com"));
        }
        sync.syncAll(true);
    }

    /** members.csv gone for a moment (moved, being re-saved) is not "everyone left": nobody is removed. */
    @Test
    void aMissingMembersFileRemovesNobody() throws Exception {
        java.nio.file.Path members = java.nio.file.Path.of("src/test/resources/fixtures/subscribers/mixed/members.csv");
        java.nio.file.Path aside = members.resolveSibling("members.csv.aside");
        sync.syncAll(true);
        java.nio.file.Files.move(members, aside);
        try {
            sync.syncAll(true);
            assertThat(store.sampleRecipient("mixed"))
                    .hasValueSatisfying(r -> assertThat(r.email()).isEqualTo("good.one@example.com"));
        } finally {
            java.nio.file.Files.move(aside, members);
        }
        sync.syncAll(true);
    }
}
