package io.herald.subscriber;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;

/**
 * Loads every list folder under herald.subscribers.dir into the database at start, and again when a list file
 * changes (checked every herald.subscribers.check-interval by size and modification time; in a cluster one node runs
 * the check, and the database's per-file fingerprint keeps a file from being read twice).
 */
@ApplicationScoped
public class SubscriberSync {

    private final SubscribersConfig subscribersConfig;
    private final MemberImports memberImports;
    private final MailingLists mailingLists;
    private final Clock clock;
    private final Event<ListsSynced> synced;
    private final SubscriberFileReader reader = new SubscriberFileReader();

    SubscriberSync(
            SubscribersConfig subscribersConfig,
            MemberImports memberImports,
            MailingLists mailingLists,
            Clock clock,
            Event<ListsSynced> synced) {
        this.subscribersConfig = subscribersConfig;
        this.memberImports = memberImports;
        this.mailingLists = mailingLists;
        this.clock = clock;
        this.synced = synced;
    }

    /** Fired after a sync with every list that loaded. */
    public record ListsSynced(List<MailingList> lists) {}

    private volatile String lastSeen = "";

    void onStart(@Observes @Priority(10) StartupEvent event) throws IOException, SQLException {
        lastSeen = folderFingerprint();
        syncAll(false);
    }

    @io.quarkus.scheduler.Scheduled(
            every = "{herald.subscribers.check-interval}",
            delayed = "{herald.subscribers.check-interval}",
            concurrentExecution = io.quarkus.scheduler.Scheduled.ConcurrentExecution.SKIP)
    void scheduledCheck() throws IOException, SQLException {
        checkForChanges();
    }

    /** Syncs when any list.yaml or members.csv changed since the last look; true when it did. */
    public boolean checkForChanges() throws IOException, SQLException {
        String now = folderFingerprint();
        if (now.equals(lastSeen)) {
            return false;
        }
        lastSeen = now;
        Log.infof("List files changed: syncing");
        syncAll(false);
        return true;
    }

    private String folderFingerprint() throws IOException {
        Path root = Path.of(subscribersConfig.dir());
        if (!Files.isDirectory(root)) {
            return "absent";
        }
        StringBuilder fp = new StringBuilder();
        try (Stream<Path> folders = Files.list(root)) {
            for (Path folder : folders.filter(Files::isDirectory).sorted().toList()) {
                fp.append(folder.getFileName())
                        .append('|')
                        .append(fingerprint(folder.resolve("list.yaml")))
                        .append('|')
                        .append(fingerprint(folder.resolve("members.csv")))
                        .append(';');
            }
        }
        return fp.toString();
    }

    /** Size and modification time: enough to notice an edited file without reading it. */
    static String fingerprint(Path file) throws IOException {
        if (!Files.exists(file)) {
            return "absent";
        }
        return Files.size(file) + ":" + Files.getLastModifiedTime(file).toMillis();
    }

    /**
     * Reads every list folder; returns every problem found, each naming file and line. Members files unchanged since
     * their last sync are skipped unless {@code evenUnchanged}.
     */
    public List<FileProblem> syncAll(boolean evenUnchanged) throws IOException, SQLException {
        Path root = Path.of(subscribersConfig.dir());
        List<FileProblem> problems = new ArrayList<>();
        List<MailingList> lists = new ArrayList<>();
        if (!Files.isDirectory(root)) {
            Log.warnf(
                    "No subscriber lists: %s is not a folder. Create it with a folder per list (see "
                            + "subscribers/README.md) or point herald.subscribers.dir at yours; lists already in the database "
                            + "stay, and teasers and feeds go on meanwhile",
                    root.toAbsolutePath());
            return problems;
        }
        try (Stream<Path> folders = Files.list(root)) {
            for (Path folder : folders.filter(Files::isDirectory).sorted().toList()) {
                List<FileProblem> found = new ArrayList<>();
                Optional<MailingList> read = reader.readList(folder, found);
                if (read.isPresent()) {
                    MailingList list = read.get();
                    mailingLists.upsert(list, clock.instant());
                    Path members = folder.resolve("members.csv");
                    if (!Files.exists(members)) {
                        // Gone for a moment (an editor moving or re-saving it) is not "everyone left": nobody is
                        // removed. A members.csv with only its header row empties the list.
                        Log.infof("List %s: no members.csv; its members stay as they are", list.id());
                        lists.add(list);
                        continue;
                    }
                    Optional<MemberImports.SyncReport> report = memberImports.sync(
                            list.id(),
                            members,
                            fingerprint(members),
                            evenUnchanged,
                            reader,
                            "file",
                            clock.instant(),
                            found);
                    report.ifPresentOrElse(
                            r -> Log.infof(
                                    "List %s: %d added, %d removed, %d rows skipped",
                                    list.id(), r.added(), r.removed(), found.size()),
                            () -> Log.infof("List %s: members.csv unchanged since the last sync", list.id()));
                    lists.add(list);
                }
                found.forEach(p -> Log.warnf("Skipped: %s", p));
                problems.addAll(found);
            }
        }
        synced.fire(new ListsSynced(lists));
        return problems;
    }
}
