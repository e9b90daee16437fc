package io.herald.delivery;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.MappedByteBuffer;
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
 * says 250, no fsync. A process killed with SIGKILL keeps what it wrote to the operating system, so the node that
 * starts again marks those rows sent from here before anything is claimed (ClaimOwner's earlier-run release comes
 * after), and a crash sends again at most the message each connection had in flight, not the ledger-flush outcomes
 * each worker held in memory.
 *
 * <p>The file is mapped into memory (a shared mapping) and a line is copied into it: the pages are the operating
 * system's page cache, so a process killed with SIGKILL leaves them to be written to disk as a write would, and a
 * message costs no system call (a write per message was 5% of a sending thread's CPU, half of that the system
 * call itself). The part of a segment not written yet reads as zero bytes, and the mapped pages count in the node's
 * resident memory, which is why a segment is small ({@link #SEGMENT_BYTES}).
 *
 * <p>The journal is a run's own: {@code <data-dir>/ledger-journal/<node>.<run>.<n>.journal}, segments unmapped and
 * deleted once every outcome in them reached the database (an idle node keeps none). A line is
 * {@code <row id> <lease token> <message-id>}; replay writes a row only while it is still pending (or cancelled while
 * the message was in flight), so a row another node recorded after taking the batch over is left as it recorded it. A machine crash (power loss) may lose what the
 * operating system had not written to disk yet (Linux writes dirty pages within about 30 seconds), and may leave a
 * page of zeros among written ones: lines with a zero byte are not replayed, and the ledger's own bound holds for
 * what is lost, at most pool-size x ledger-flush messages sent twice.
 */
@ApplicationScoped
public class LedgerJournal {

    /** A segment's size: about 8,000 lines. */
    static final int SEGMENT_BYTES = 1 << 20;

    private static final String SUFFIX = ".journal";
    static final String REPLAYED = "250 accepted before a crash (from the node's ledger journal)";

    /**
     * One file of the journal, unmapped and deleted as soon as each line in it is in the database (then the next
     * message opens a new one); a busy node, whose lines are never all written at once, starts a new one when a line
     * no longer fits.
     */
    static final class Segment {
        private final Path path;
        private final MappedByteBuffer lines;
        private int unwritten;

        private Segment(Path path) throws IOException {
            this.path = path;
            try (FileChannel channel = FileChannel.open(
                    path, StandardOpenOption.CREATE_NEW, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
                // Mapping past the end makes the file that long; pages never written take no room on disk.
                this.lines = channel.map(FileChannel.MapMode.READ_WRITE, 0, SEGMENT_BYTES);
            }
        }

        /** Unmaps the segment now rather than when the collector finds the buffer (its pages are resident). */
        private void unmap() {
            Unmapper.unmap(lines);
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
            byte[] line = line(row, messageId);
            if (line.length > SEGMENT_BYTES) {
                // A Message-ID no edition has; a replay marks the row sent all the same, without it.
                line = line(row, null);
            }
            if (current == null || current.lines.remaining() < line.length) {
                Files.createDirectories(directory);
                // A full segment still has lines to be written (it is closed when the last one is): written() unmaps
                // and deletes it then.
                current = new Segment(directory.resolve(owner.journalName() + "." + segments++ + SUFFIX));
            }
            current.lines.put(line);
            current.unwritten++;
            return current;
        } catch (IOException | InternalError e) {
            // The message is out; its row is written with the next flush as before. Only a crash before then would
            // send it twice, as without a journal. Said once: a read-only data directory stays read-only. (A mapped
            // page the file system cannot back, on a full disk, surfaces as the JDK's InternalError "a fault
            // occurred in an unsafe memory access operation"; a line cut short by it is not replayed.)
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

    private static byte[] line(DeliveryRows.Claimed row, String messageId) {
        return (row.id() + " " + row.claim() + " " + (messageId == null ? "-" : withoutWhitespace(messageId)) + "\n")
                .getBytes(StandardCharsets.UTF_8);
    }

    /** The outcomes of these journal lines are in the database now. */
    synchronized void written(Collection<Segment> lines) {
        for (Segment segment : lines) {
            if (segment != null && --segment.unwritten == 0) {
                if (segment == current) {
                    current = null;
                }
                close(segment);
            }
        }
    }

    /** A segment no line will be added to, whose lines are all in the database. Only under this object's lock. */
    private static void close(Segment segment) {
        segment.unmap();
        delete(segment.path);
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
                // Only whole lines: a line without its end was cut short by a kill or a power loss (the rest of the
                // segment reads as zeros), and even its row id may be.
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
        if (line.indexOf('\0') >= 0) {
            // Part of a page a power loss left unwritten.
            return null;
        }
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
