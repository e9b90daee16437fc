package io.herald.delivery;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.stream.Stream;

import io.herald.config.HeraldConfig;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The messages the relay accepted whose ledger rows are not written yet, appended to a local file the moment the relay
 * says 250: one write to the operating system per message, no fsync. A process killed with SIGKILL keeps what it
 * wrote to the operating system, so the node that starts again marks those rows sent from here before anything is
 * claimed (ClaimOwner's earlier-run release comes after), and a crash sends again at most the message each connection
 * had in flight, not the ledger-flush outcomes each worker held in memory.
 *
 * <p>The journal is a run's own: {@code <data-dir>/ledger-journal/<node>.<run>.<n>.journal}, segments deleted once
 * every outcome in them reached the database (an idle node keeps none). A line is
 * {@code <row id> <claim> <message-id>}; replay writes a row only while it is still "sending" under that very claim,
 * so a row another node took over after the lease is left to it. A machine crash (power loss) may lose what the
 * operating system had not written to disk yet (Linux writes dirty pages within about 30 seconds): then the ledger's
 * own bound holds, at most pool-size x ledger-flush messages sent twice.
 */
@ApplicationScoped
public class LedgerJournal {

    static final int SEGMENT_ENTRIES = 50_000;
    private static final String SUFFIX = ".journal";
    static final String REPLAYED = "250 accepted before a crash (from the node's ledger journal)";

    /**
     * One file of the journal, deleted as soon as each line in it is in the database (then the next message opens a
     * new one); a busy node, whose lines are never all written at once, starts a new one every SEGMENT_ENTRIES lines.
     */
    static final class Segment {
        private final Path path;
        private final FileChannel channel;
        private int entries;
        private int unwritten;

        private Segment(Path path) throws IOException {
            this.path = path;
            this.channel = FileChannel.open(
                    path, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
        }
    }

    private final Path directory;
    private final ClaimOwner owner;
    private final DeliveryRows rows;
    private final Clock clock;
    private Segment current;
    private int segments;
    private boolean unwritable;

    LedgerJournal(HeraldConfig config, ClaimOwner owner, DeliveryRows rows, Clock clock) {
        this.directory = Path.of(config.dataDir()).resolve("ledger-journal");
        this.owner = owner;
        this.rows = rows;
        this.clock = clock;
    }

    /**
     * The text without the characters regex {@code \\s} matches (space, tab, line breaks, vertical tab, form feed),
     * so a line of the journal stays one line with three fields. A relay's queue id has none; the text is returned
     * as it is then (String.replaceAll compiled a pattern for every message: 2% of a sending thread's CPU).
     */
    static String withoutWhitespace(String text) {
        StringBuilder kept = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean space = c == ' ' || (c >= '\t' && c <= '\r');
            if (space && kept == null) {
                kept = new StringBuilder(text.length()).append(text, 0, i);
            } else if (!space && kept != null) {
                kept.append(c);
            }
        }
        return kept == null ? text : kept.toString();
    }

    /** Records that the relay accepted the row's message; returns the segment to report back once it is written. */
    synchronized Segment accepted(DeliveryRows.Claimed row, String messageId) {
        if (unwritable) {
            return null;
        }
        try {
            if (current == null || current.entries >= SEGMENT_ENTRIES) {
                Files.createDirectories(directory);
                current = new Segment(directory.resolve(owner.journalName() + "." + segments++ + SUFFIX));
            }
            String line = row.id() + " " + row.claim() + " " + (messageId == null ? "-" : withoutWhitespace(messageId))
                    + "\n";
            ByteBuffer bytes = ByteBuffer.wrap(line.getBytes(StandardCharsets.UTF_8));
            while (bytes.hasRemaining()) {
                current.channel.write(bytes);
            }
            current.entries++;
            current.unwritten++;
            return current;
        } catch (IOException e) {
            // The message is out; its row is written with the next flush as before. Only a crash before then would
            // send it twice, as without a journal. Said once: a read-only data directory stays read-only.
            if (!unwritable) {
                unwritable = true;
                Log.warnf(
                        "Ledger journal %s cannot be written (%s): until this node restarts, a crash can send up to"
                                + " pool-size x ledger-flush messages twice; give herald.data-dir a writable directory",
                        directory, e.toString());
            }
            return null;
        }
    }

    /** The outcomes of these journal lines are in the database now. */
    synchronized void written(Collection<Segment> lines) {
        for (Segment segment : lines) {
            if (segment != null && --segment.unwritten == 0) {
                if (segment == current) {
                    current = null;
                }
                try {
                    segment.channel.close();
                } catch (IOException e) {
                    Log.debugf("Ledger journal %s: %s", segment.path, e.getMessage());
                }
                delete(segment.path);
            }
        }
    }

    /**
     * At start, before any claim: the rows earlier runs of this node sent and had not written are marked sent, and
     * their journals deleted. Returns how many rows it marked.
     */
    public int replay() throws SQLException {
        List<Path> files = earlierRuns();
        int marked = 0;
        for (Path file : files) {
            List<DeliveryRows.Outcome> outcomes = new ArrayList<>();
            try {
                String text = Files.readString(file, StandardCharsets.UTF_8);
                // Only whole lines: a line without its end was cut short by a power loss, and even its row id may be.
                for (String line : text.substring(0, text.lastIndexOf('\n') + 1).split("\n")) {
                    DeliveryRows.Outcome outcome = parse(line);
                    if (outcome != null) {
                        outcomes.add(outcome);
                    }
                }
            } catch (IOException | UncheckedIOException e) {
                Log.warnf("Ledger journal %s unreadable (%s): its rows go out again after the restart", file, e);
            }
            marked += rows.write(outcomes, clock.instant());
            delete(file);
        }
        return marked;
    }

    private List<Path> earlierRuns() {
        if (!Files.isDirectory(directory)) {
            return List.of();
        }
        String mine = owner.journalName();
        try (Stream<Path> files = Files.list(directory)) {
            return files.filter(f -> {
                        String name = f.getFileName().toString();
                        return name.endsWith(SUFFIX) && owner.isThisNodesJournal(name) && !name.startsWith(mine + ".");
                    })
                    .sorted()
                    .toList();
        } catch (IOException e) {
            Log.warnf("Ledger journal %s unreadable: %s", directory, e.getMessage());
            return List.of();
        }
    }

    /** A whole line as written; null for anything else. */
    static DeliveryRows.Outcome parse(String line) {
        String[] parts = line.split(" ");
        if (parts.length != 3 || parts[1].isEmpty()) {
            return null;
        }
        long id;
        try {
            id = Long.parseLong(parts[0]);
        } catch (NumberFormatException e) {
            return null;
        }
        DeliveryRows.Claimed row = new DeliveryRows.Claimed(id, parts[1], 0, null, null, 0, null, null, 0);
        return new DeliveryRows.Outcome(
                row, DeliveryState.SENT, REPLAYED, "-".equals(parts[2]) ? null : parts[2], null);
    }

    private static void delete(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            Log.warnf("Ledger journal %s could not be deleted: %s", file, e.getMessage());
        }
    }
}
