package io.herald.subscriber;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Members into a list, from its members file (the folder sync, which also removes those the file no longer lists)
 * or from a CSV sent to the API (which only adds and updates). Both stream the file through MemberSync in chunks.
 */
@ApplicationScoped
public class MemberImports {

    private final DataSource dataSource;
    private final MailingLists lists;
    private final ErasedAddresses erased;
    private final int writers;

    @Inject
    MemberImports(DataSource dataSource, MailingLists lists, ErasedAddresses erased, SubscribersConfig config) {
        this(dataSource, lists, erased, config.importConnections());
    }

    /** With {@code writers} connections per sync (tests choose). */
    MemberImports(DataSource dataSource, MailingLists lists, ErasedAddresses erased, int writers) {
        this.dataSource = dataSource;
        this.lists = lists;
        this.erased = erased;
        this.writers = writers;
    }

    /** What a sync changed. */
    public record SyncReport(int added, int removed) {}

    /**
     * Streams a members file into the list (see {@link MemberSync}); bad and repeated rows go to {@code problems}.
     * An unchanged file (same fingerprint as last time) is not read again.
     */
    public Optional<SyncReport> sync(
            String listId,
            Path file,
            String fingerprint,
            boolean evenUnchanged,
            SubscriberFileReader reader,
            String source,
            Instant now,
            List<FileProblem> problems)
            throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            if (!evenUnchanged
                    && lists.membersFingerprint(c, listId)
                            .filter(fingerprint::equals)
                            .isPresent()) {
                return Optional.empty();
            }
            SyncReport report;
            try (MemberSync sync = new MemberSync(
                    c, dataSource, writers, listId, source, now, file, problems, erased.keysForOneThread())) {
                boolean whole = reader.readMembers(file, (member, line) -> sync.add(member, line), problems);
                if (whole) {
                    report = sync.finish();
                } else {
                    // Members after the point the reading stopped are not "no longer in the file": nobody goes.
                    report = sync.finishWithoutRemoving();
                    long stoppedAt = problems.isEmpty()
                            ? 1
                            : problems.get(problems.size() - 1).line();
                    problems.add(new FileProblem(
                            file,
                            stoppedAt,
                            "nobody was removed from list " + listId
                                    + " because the file could not be read to its end; fix it and it is read again"));
                }
            }
            lists.setMembersFingerprint(c, listId, fingerprint);
            return Optional.of(report);
        }
    }

    /**
     * What an API import did, row by row: rows refused, and remarks on rows that loaded (a role account, a time zone
     * Herald does not know).
     */
    public record ImportReport(
            int added,
            int updated,
            int unchanged,
            List<FileProblem> rejected,
            List<FileProblem> remarks,
            List<String> roleAccounts) {}

    /**
     * POST /api/lists/{id}/members: adds and updates the CSV's members (source "import", which a later file sync
     * does not remove), never removes anyone, never undoes an unsubscribe, never re-adds an erased address. Every bad
     * row is reported with its line and reason; the good ones load.
     */
    public ImportReport importCsv(String listId, Path csv, SubscriberFileReader reader, Instant now)
            throws SQLException {
        List<FileProblem> problems = new ArrayList<>();
        List<String> roles = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
                MemberSync sync = new MemberSync(
                                c, dataSource, writers, listId, "import", now, csv, problems, erased.keysForOneThread())
                        .addOnly()) {
            reader.readMembers(
                    csv,
                    (member, line) -> {
                        if (EmailAddresses.isRoleAccount(member.email())) {
                            roles.add("line " + line + ": " + member.email());
                        }
                        sync.add(member, line);
                    },
                    problems);
            SyncReport report = sync.finish();
            return new ImportReport(
                    report.added(),
                    sync.updated(),
                    sync.unchanged(),
                    problems.stream().filter(p -> !p.rowKept()).toList(),
                    problems.stream().filter(FileProblem::rowKept).toList(),
                    roles);
        }
    }
}
