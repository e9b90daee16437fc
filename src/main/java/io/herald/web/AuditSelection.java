package io.herald.web;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Optional;

import io.herald.audit.AuditFilter;
import io.herald.common.Refusal;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.UriBuilder;

/**
 * Which audit entries a request asks for, as the API and the page take it: ?actor (a person's name), ?action
 * ("send.start", or "send" for every send action), ?from and ?to (ISO instants or dates, UTC; "to" includes its
 * date). One {@code @BeanParam} for /api/audit, its export and /ops/audit.
 */
public class AuditSelection {

    @QueryParam("actor")
    String actor;

    @QueryParam("action")
    String action;

    @QueryParam("from")
    String from;

    @QueryParam("to")
    String to;

    AuditFilter filter() {
        return new AuditFilter(text(actor), text(action), instant("from", from, false), instant("to", to, true));
    }

    /** The same selection on another path (the next page, the export). */
    UriBuilder on(String path) {
        UriBuilder b = UriBuilder.fromPath(path);
        text(actor).ifPresent(v -> b.queryParam("actor", v));
        text(action).ifPresent(v -> b.queryParam("action", v));
        text(from).ifPresent(v -> b.queryParam("from", v));
        text(to).ifPresent(v -> b.queryParam("to", v));
        return b;
    }

    /** The values as typed, for the page's filter form. */
    public String actor() {
        return text(actor).orElse("");
    }

    public String action() {
        return text(action).orElse("");
    }

    public String from() {
        return text(from).orElse("");
    }

    public String to() {
        return text(to).orElse("");
    }

    private static Optional<String> text(String s) {
        return s == null || s.isBlank() ? Optional.empty() : Optional.of(s.strip());
    }

    /** An ISO instant, or a date (its start; for "to", the next day's start, so the date is included). */
    static Optional<Instant> instant(String field, String text, boolean endOfDay) {
        if (text == null || text.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Instant.parse(text.strip()));
        } catch (DateTimeParseException notInstant) {
            try {
                LocalDate day = LocalDate.parse(text.strip());
                return Optional.of(
                        (endOfDay ? day.plusDays(1) : day).atStartOfDay().toInstant(ZoneOffset.UTC));
            } catch (DateTimeParseException e) {
                throw Refusal.invalid(field, "must be a date (2026-11-30) or an instant (2026-11-30T08:00:00Z)");
            }
        }
    }
}
