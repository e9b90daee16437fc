package io.herald.delivery;

import java.util.ArrayList;
import java.util.List;

import jakarta.mail.internet.InternetHeaders;

/**
 * InternetHeaders whose list of empty places holds only the headers a message of Herald's can carry. A new
 * InternetHeaders holds thirty empty places, one per well-known header in its usual order (Return-Path, Received,
 * seven Resent- headers, Date, From, ...), and every set, get and write walks all of them: with a dozen headers set
 * per message, that walk was a tenth of a sending thread's CPU. The places kept here keep their order, and the
 * marker where other headers are added (":") keeps its place after them, so the headers come out in the order a
 * plain InternetHeaders gives them ({@code CompactHeadersTest}); a header whose place was dropped (Resent-*,
 * Comments, Keywords, Errors-To, Content-MD5, Content-Length, Status, none of which Herald writes) would be added at
 * the marker instead.
 */
final class CompactHeaders extends InternetHeaders {

    /** The empty places kept, in InternetHeaders' order; ":" is where other headers are added. */
    static final List<String> PLACES = List.of(
            "Return-Path",
            "Received",
            "Date",
            "From",
            "Sender",
            "Reply-To",
            "To",
            "Cc",
            "Bcc",
            "Message-Id",
            "In-Reply-To",
            "References",
            "Subject",
            "MIME-Version",
            "Content-Type",
            "Content-Transfer-Encoding",
            ":");

    CompactHeaders() {
        // The constructor without arguments makes the thirty places, which are replaced at once: thirty small objects.
        // Reading the headers from an empty stream instead looked the mail API's StreamProvider up through its
        // FactoryFinder for every message (4% of a sending thread's CPU in a profile of a PostgreSQL send).
        super();
        List<InternetHeader> places = new ArrayList<>(PLACES.size() + 12);
        for (String name : PLACES) {
            places.add(new InternetHeader(name, null));
        }
        headers = places;
    }

    /**
     * Headers with these places and lines (null: an empty place), in this order: a {@link HeaderTemplate} filled
     * for one message.
     */
    CompactHeaders(String[] names, String[] lines) {
        super();
        List<InternetHeader> entries = new ArrayList<>(names.length + 4);
        for (int i = 0; i < names.length; i++) {
            entries.add(lines[i] == null ? new InternetHeader(names[i], null) : new InternetHeader(lines[i]));
        }
        headers = entries;
    }
}
