package io.herald.article;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/** Publication dates as sources write them, with the offset they give: RFC 822 (RSS), ISO 8601 (Atom, HTML). */
public final class Dates {

    private Dates() {}

    public static Optional<OffsetDateTime> parse(String text) {
        if (text == null || text.isBlank()) {
            return Optional.empty();
        }
        String t = text.strip();
        for (DateTimeFormatter f :
                new DateTimeFormatter[] {DateTimeFormatter.ISO_OFFSET_DATE_TIME, DateTimeFormatter.RFC_1123_DATE_TIME
                }) {
            try {
                return Optional.of(OffsetDateTime.parse(t, f));
            } catch (DateTimeParseException ignored) {
                // next form
            }
        }
        try {
            // RSS feeds in the wild: "Wed, 20 May 2026 10:00:00 GMT" with a day name that does not match, or
            // named zones (EST): RFC 1123 without the day.
            return Optional.of(OffsetDateTime.parse(
                    t.replaceFirst("^[A-Za-z]{3},\\s*", ""),
                    DateTimeFormatter.ofPattern("d MMM yyyy HH:mm[:ss] XX", java.util.Locale.ENGLISH)));
        } catch (DateTimeParseException ignored) {
            // next form
        }
        try {
            return Optional.of(LocalDate.parse(t.length() >= 10 ? t.substring(0, 10) : t)
                    .atStartOfDay()
                    .atOffset(ZoneOffset.UTC));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
