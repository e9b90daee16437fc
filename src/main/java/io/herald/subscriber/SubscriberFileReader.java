package io.herald.subscriber;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Reads one list folder: list.yaml for the list's settings, members.csv for its members. A bad row is reported
 * with file:line and reason and skipped; the rest of the file still loads.
 */
public final class SubscriberFileReader {

    /** A list folder as read: the list if its list.yaml is usable, its members, and every problem found. */
    public record ListFolder(Optional<MailingList> list, List<Member> members, List<FileProblem> problems) {}

    /** Receives the valid rows of a members file one at a time, with their line numbers. */
    public interface MemberSink {
        void accept(Member member, long line) throws Exception;
    }

    /** Reads a whole (small) list folder into memory; a repeated address is reported and counted once. */
    public ListFolder read(Path folder) {
        List<FileProblem> problems = new ArrayList<>();
        Optional<MailingList> list = readList(folder, problems);
        List<Member> members = new ArrayList<>();
        if (list.isPresent()) {
            Path file = folder.resolve("members.csv");
            Set<String> seen = new HashSet<>();
            readMembers(
                    file,
                    (member, line) -> {
                        if (seen.add(member.email())) {
                            members.add(member);
                        } else {
                            problems.add(duplicate(file, line, member));
                        }
                    },
                    problems);
        }
        return new ListFolder(list, members, problems);
    }

    static FileProblem duplicate(Path file, long line, Member member) {
        return new FileProblem(file, line, member.email() + " is listed twice; the first row counts");
    }

    /** The list of a folder, from its list.yaml; every problem is added to {@code problems}. */
    public Optional<MailingList> readList(Path folder, List<FileProblem> problems) {
        return ListYaml.read(folder, problems);
    }

    /**
     * Streams the valid rows of a members file to the sink, never holding the file in memory; every bad row is
     * reported with its line and skipped. A sink that throws stops the reading. Returns whether the file was read to
     * its end (false: no email column, or a problem stopped the reading; rows before it were given to the sink).
     */
    public boolean readMembers(Path file, MemberSink sink, List<FileProblem> problems) {
        if (!Files.exists(file)) {
            return true;
        }
        long previousEnd = 0;
        try (java.io.BufferedReader reader = MembersCsv.open(file);
                CSVParser parser = MembersCsv.format(reader).parse(reader)) {
            List<String> header = parser.getHeaderNames();
            int emailColumn = MembersCsv.emailColumn(header);
            int nameColumn = MembersCsv.nameColumn(header);
            int zoneColumn = MembersCsv.zoneColumn(header);
            if (emailColumn < 0) {
                problems.add(new FileProblem(
                        file,
                        1,
                        NO_EMAIL_COLUMN + " (found: " + (header.isEmpty() ? "nothing" : String.join(", ", header))
                                + ")"));
                return false;
            }
            previousEnd = parser.getCurrentLineNumber();
            for (CSVRecord row : parser) {
                long end = parser.getCurrentLineNumber();
                // A quoted field with a line break spans lines: such a row is reported at its first line.
                long line = end - previousEnd > 1 ? previousEnd + 1 : end;
                previousEnd = end;
                if (!MembersCsv.decoded(row)) {
                    problems.add(new FileProblem(file, line, NOT_UTF8));
                    continue;
                }
                EmailAddresses.Result email =
                        EmailAddresses.check(emailColumn < row.size() ? row.get(emailColumn) : null);
                if (email.ok().isEmpty()) {
                    problems.add(new FileProblem(file, line, email.problem()));
                } else {
                    String name = nameColumn >= 0 && nameColumn < row.size()
                            ? row.get(nameColumn)
                                    .transform(CONTROLS::matcher)
                                    .replaceAll(" ")
                                    .strip()
                            : "";
                    String zone = zoneColumn >= 0 && zoneColumn < row.size()
                            ? row.get(zoneColumn).strip()
                            : "";
                    Optional<String> known = TimeZones.known(zone);
                    if (!zone.isEmpty() && known.isEmpty()) {
                        // The reader is kept: a zone Herald cannot read only moves their hour to the list's.
                        problems.add(new FileProblem(
                                file,
                                line,
                                "time zone \"" + zone + "\" is not a zone name such as Asia/Almaty or Europe/Istanbul;"
                                        + " this reader gets the list's time zone",
                                true));
                    }
                    sink.accept(new Member(email.address(), name.isEmpty() ? null : name, known.orElse(null)), line);
                }
            }
            return true;
        } catch (IOException | IllegalStateException | IllegalArgumentException | java.io.UncheckedIOException e) {
            // The rows before the problem are kept; the problem is reported at the line the reading stopped on.
            Throwable cause = e instanceof java.io.UncheckedIOException ? e.getCause() : e;
            problems.add(stopped(file, previousEnd + 1, cause));
            return false;
        } catch (Exception e) {
            throw new IllegalStateException("Cannot load " + file + ": " + e.getMessage(), e);
        }
    }

    private static final String NOT_UTF8 =
            "this row is not UTF-8 text (save the file as UTF-8, or as \"CSV UTF-8\" " + "from a spreadsheet)";

    /** The reason a members file has no usable header; the API answers it with 422. */
    private static final java.util.regex.Pattern CONTROLS = java.util.regex.Pattern.compile("\\p{Cntrl}");

    public static final String NO_EMAIL_COLUMN = "the header row must name an email column";

    private static final java.util.regex.Pattern UNCLOSED_QUOTE =
            java.util.regex.Pattern.compile("\\(startline (\\d+)\\) EOF reached before encapsulated token finished");

    private static FileProblem stopped(Path file, long line, Throwable cause) {
        String message = String.valueOf(cause.getMessage());
        java.util.regex.Matcher unclosed = UNCLOSED_QUOTE.matcher(message);
        if (unclosed.find()) {
            long start = Long.parseLong(unclosed.group(1));
            return new FileProblem(
                    file,
                    start,
                    "stopped reading: a quoted field opened on line " + start
                            + " is never closed; the rows from there on were not read");
        }
        return new FileProblem(file, line, "stopped reading: " + message.replaceFirst("^[\\w.]+Exception: ", ""));
    }

    static long lineOf(IOException e) {
        if (e instanceof com.fasterxml.jackson.core.JsonProcessingException j && j.getLocation() != null) {
            return j.getLocation().getLineNr();
        }
        return 0;
    }
}
