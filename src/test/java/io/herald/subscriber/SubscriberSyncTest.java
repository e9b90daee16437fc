package io.herald.subscriber;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;

/** List files sync into the database; bad rows are reported by file and line and never stop the good ones. */
@QuarkusTest
class SubscriberSyncTest {

    @Inject
    SubscriberSync sync;

    @Inject
    SubscriberStore store;

    @Test
    void badRowsAreReportedAndGoodRowsLoad() throws Exception {
        List<FileProblem> problems = sync.syncAll(true);
        assertThat(problems).extracting(Object::toString).anySatisfy(p -> assertThat(p)
                .endsWith("mixed/members.csv:3: \"not-an-address\" is not a valid address: Missing final '@domain'"));
        assertThat(problems).extracting(Object::toString).anySatisfy(p -> assertThat(p)
                .endsWith("mixed/members.csv:6: good.one@example.com is listed twice; the first row counts"));
        assertThat(store.findList("mixed")).hasValueSatisfying(l -> assertThat(l.name()).isEqualTo("Mixed Quality List"));
        assertThat(store.sampleRecipient("mixed")).hasValueSatisfying(
                r -> assertThat(r.email()).isEqualTo("good.one@example.com"));
        assertThat(store.allLists()).extracting(MailingList::id).contains("demo", "unsub", "sched", "mixed");
    }

    @Test
    void anEditedListFileIsSyncedWithoutARestart() throws Exception {
        java.nio.file.Path members = java.nio.file.Path.of("src/test/resources/fixtures/subscribers/signup/members.csv");
        sync.checkForChanges();
        assertThat(sync.checkForChanges()).as("nothing changed").isFalse();
        java.nio.file.Files.setLastModifiedTime(members,
                java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis() + 5_000));
        assertThat(sync.checkForChanges()).as("members.csv touched").isTrue();
    }
}
