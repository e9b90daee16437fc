package io.herald.subscriber;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
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
        syncAll();
    }

    /** Reads every list folder; returns every problem found, each naming file and line. */
    public List<FileProblem> syncAll() throws IOException, SQLException {
        Path root = Path.of(config.subscribers().dir());
        List<FileProblem> problems = new ArrayList<>();
        List<MailingList> lists = new ArrayList<>();
        if (!Files.isDirectory(root)) {
            Log.warnf("No subscriber lists: %s is not a folder (herald.subscribers.dir)", root.toAbsolutePath());
            return problems;
        }
        try (Stream<Path> folders = Files.list(root)) {
            for (Path folder : folders.filter(Files::isDirectory).sorted().toList()) {
                SubscriberFileReader.ListFolder read = reader.read(folder);
                problems.addAll(read.problems());
                read.problems().forEach(p -> Log.warnf("Skipped: %s", p));
                if (read.list().isPresent()) {
                    MailingList list = read.list().get();
                    store.upsertList(list, clock.instant());
                    SubscriberStore.SyncReport report = store.syncMembers(list.id(), read.members(), "file", clock.instant());
                    Log.infof("List %s: %d members in file, %d added, %d removed, %d rows skipped", list.id(),
                            read.members().size(), report.added(), report.removed(), read.problems().size());
                    lists.add(list);
                }
            }
        }
        synced.fire(new ListsSynced(lists));
        return problems;
    }
}
