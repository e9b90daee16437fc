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

import io.herald.config.HeraldConfig;
import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;

/** Loads every list folder under herald.subscribers.dir into the database at start. */
@ApplicationScoped
public class SubscriberSync {

    private final HeraldConfig config;
    private final SubscriberStore store;
    private final Clock clock;
    private final Event<ListsSynced> synced;
    private final SubscriberFileReader reader = new SubscriberFileReader();

    SubscriberSync(HeraldConfig config, SubscriberStore store, Clock clock, Event<ListsSynced> synced) {
        this.config = config;
        this.store = store;
        this.clock = clock;
        this.synced = synced;
    }

    /** Fired after a sync with every list that loaded. */
    public record ListsSynced(List<MailingList> lists) {
    }

    void onStart(@Observes @Priority(10) StartupEvent event) throws IOException, SQLException {
        syncAll(false);
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
        Path root = Path.of(config.subscribers().dir());
        List<FileProblem> problems = new ArrayList<>();
        List<MailingList> lists = new ArrayList<>();
        if (!Files.isDirectory(root)) {
            Log.warnf("No subscriber lists: %s is not a folder (herald.subscribers.dir)", root.toAbsolutePath());
            return problems;
        }
        try (Stream<Path> folders = Files.list(root)) {
            for (Path folder : folders.filter(Files::isDirectory).sorted().toList()) {
                List<FileProblem> found = new ArrayList<>();
                Optional<MailingList> read = reader.readList(folder, found);
                if (read.isPresent()) {
                    MailingList list = read.get();
                    store.upsertList(list, clock.instant());
                    Path members = folder.resolve("members.csv");
                    Optional<SubscriberStore.SyncReport> report = store.syncMembers(list.id(), members,
                            fingerprint(members), evenUnchanged, reader, "file", clock.instant(), found);
                    report.ifPresentOrElse(r -> Log.infof("List %s: %d added, %d removed, %d rows skipped", list.id(),
                            r.added(), r.removed(), found.size()),
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
