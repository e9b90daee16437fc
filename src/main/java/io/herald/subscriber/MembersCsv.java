package io.herald.subscriber;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.DuplicateHeaderMode;

/**
 * A members file as spreadsheets save it. Excel's "CSV UTF-8" starts with a byte order mark; its "Unicode text" is
 * UTF-16 with tabs; in locales that write decimal commas (most of Europe, Kazakhstan, Türkiye) its CSV uses
 * semicolons; and people name the column "Email" or "E-mail address" as often as "email". All of these read; a file
 * without a byte order mark must be UTF-8.
 */
final class MembersCsv {

    private static final Set<String> EMAIL_COLUMNS = Set.of("email", "emailaddress", "mail");
    private static final Set<String> NAME_COLUMNS = Set.of("name", "fullname");
    private static final Set<String> ZONE_COLUMNS = Set.of("timezone", "tz", "zone");
    private static final int HEADER_LOOKAHEAD = 64 * 1024;

    private MembersCsv() {}

    /** Opens the file in the charset its byte order mark names (UTF-8 without one), positioned after the mark. */
    static BufferedReader open(Path file) throws IOException {
        InputStream in = new java.io.BufferedInputStream(Files.newInputStream(file));
        in.mark(3);
        byte[] bom = in.readNBytes(3);
        Charset charset = StandardCharsets.UTF_8;
        int skip = 0;
        if (bom.length >= 3 && (bom[0] & 0xFF) == 0xEF && (bom[1] & 0xFF) == 0xBB && (bom[2] & 0xFF) == 0xBF) {
            skip = 3;
        } else if (bom.length >= 2 && (bom[0] & 0xFF) == 0xFF && (bom[1] & 0xFF) == 0xFE) {
            charset = StandardCharsets.UTF_16LE;
            skip = 2;
        } else if (bom.length >= 2 && (bom[0] & 0xFF) == 0xFE && (bom[1] & 0xFF) == 0xFF) {
            charset = StandardCharsets.UTF_16BE;
            skip = 2;
        }
        in.reset();
        in.skipNBytes(skip);
        // Bytes that are not in the charset become U+FFFD, and a row holding one is refused with its line (see
        // decoded): a decoder that stops at the first bad byte would stop a buffer's length before its row.
        BufferedReader reader = new BufferedReader(
                new InputStreamReader(
                        in,
                        charset.newDecoder()
                                .onMalformedInput(CodingErrorAction.REPLACE)
                                .onUnmappableCharacter(CodingErrorAction.REPLACE)),
                HEADER_LOOKAHEAD);
        reader.mark(HEADER_LOOKAHEAD);
        return reader;
    }

    /**
     * The CSV format for the header line the reader is positioned at: its delimiter is whichever of comma, semicolon
     * and tab the header uses most (comma when none). The reader is left at the header.
     */
    static CSVFormat format(BufferedReader reader) throws IOException {
        String header = reader.readLine();
        reader.reset();
        char delimiter = ',';
        if (header != null) {
            int best = 0;
            for (char candidate : new char[] {',', ';', '\t'}) {
                int n = countOutsideQuotes(header, candidate);
                if (n > best) {
                    best = n;
                    delimiter = candidate;
                }
            }
        }
        return CSVFormat.DEFAULT
                .builder()
                .setDelimiter(delimiter)
                .setHeader()
                .setSkipHeaderRecord(true)
                .setIgnoreEmptyLines(true)
                .setTrim(true)
                .setCommentMarker('#')
                .setDuplicateHeaderMode(DuplicateHeaderMode.ALLOW_ALL)
                .setAllowMissingColumnNames(true)
                .get();
    }

    private static int countOutsideQuotes(String line, char c) {
        int n = 0;
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char ch = line.charAt(i);
            if (ch == '"') {
                quoted = !quoted;
            } else if (ch == c && !quoted) {
                n++;
            }
        }
        return n;
    }

    /** Whether the row was decoded whole (no byte of it was outside the file's charset). */
    static boolean decoded(org.apache.commons.csv.CSVRecord row) {
        for (String value : row) {
            if (value.indexOf('\uFFFD') >= 0) {
                return false;
            }
        }
        return true;
    }

    /** The position of the email column among the header's names, or -1. */
    static int emailColumn(List<String> header) {
        return column(header, EMAIL_COLUMNS);
    }

    /** The position of the name column among the header's names, or -1. */
    static int nameColumn(List<String> header) {
        return column(header, NAME_COLUMNS);
    }

    /** The position of the time zone column ("time_zone", "Time zone", "tz") among the header's names, or -1. */
    static int zoneColumn(List<String> header) {
        return column(header, ZONE_COLUMNS);
    }

    private static int column(List<String> header, Set<String> names) {
        for (int i = 0; i < header.size(); i++) {
            String h = header.get(i) == null ? "" : header.get(i);
            String normal = h.toLowerCase(Locale.ROOT).replaceAll("[\\s_\\-]", "");
            if (names.contains(normal)) {
                return i;
            }
        }
        return -1;
    }
}
