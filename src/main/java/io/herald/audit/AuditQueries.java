package io.herald.audit;

/** The SQL of audit_entry, owned by {@link AuditTrail}. Nothing here updates or deletes an entry. */
final class AuditQueries {

    private AuditQueries() {}

    static final String COLUMNS = "seq, happened_at, actor, address, action, target, outcome, detail, prev_hash, hash";

    static final String HEAD = "SELECT seq, hash FROM audit_entry ORDER BY seq DESC LIMIT 1";

    static final String INSERT = "INSERT INTO audit_entry (" + COLUMNS + ") VALUES (?,?,?,?,?,?,?,?,?,?)";

    static final String ALL_IN_ORDER = "SELECT " + COLUMNS + " FROM audit_entry ORDER BY seq";

    /** The filter's WHERE: each condition is skipped when its parameter is null. */
    static final String WHERE = " WHERE (? IS NULL OR actor = ?)"
            + " AND (? IS NULL OR action = ? OR action LIKE ?)"
            + " AND (CAST(? AS TIMESTAMP WITH TIME ZONE) IS NULL OR happened_at >= ?)"
            + " AND (CAST(? AS TIMESTAMP WITH TIME ZONE) IS NULL OR happened_at < ?)";

    /** Newest first, entries before a number (the page cursor; null for the first page). */
    static final String PAGE = "SELECT " + COLUMNS + " FROM audit_entry" + WHERE
            + " AND (CAST(? AS BIGINT) IS NULL OR seq < ?) ORDER BY seq DESC LIMIT ?";

    static final String COUNT = "SELECT COUNT(*) FROM audit_entry" + WHERE;

    static final String EXPORT = "SELECT " + COLUMNS + " FROM audit_entry" + WHERE + " ORDER BY seq";
}
