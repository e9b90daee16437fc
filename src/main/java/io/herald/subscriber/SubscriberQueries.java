package io.herald.subscriber;

/**
 * Every statement on the subscriber tables, top to bottom: lists, readers, memberships and their consent history,
 * the file sync, the suppression list, and what a GDPR request reads and erases. The subscriber package owns these
 * tables (mailing_list, subscriber, membership, consent_event, suppression); no other package writes them.
 * MailingLists, SubscriberStore, MemberWriter, MemberSync, Suppressions and PersonalData bind the parameters.
 */
final class SubscriberQueries {

    private SubscriberQueries() {}

    // ---- Lists (MailingLists) ----

    static final String LIST_COLUMNS =
            "id, name, from_address, reply_to, schedule, time_zone, mode, feeds, default_channels, digest_style, "
                    + "tracking, opens, language, archive, deliver_at";

    static final String LIST = "SELECT " + LIST_COLUMNS + " FROM mailing_list WHERE id = ?";

    static final String ALL_LISTS = "SELECT " + LIST_COLUMNS + " FROM mailing_list ORDER BY id";

    static final String UPDATE_LIST = "UPDATE mailing_list SET name=?, from_address=?, reply_to=?, schedule=?, "
            + "time_zone=?, mode=?, synced_at=?, feeds=?, default_channels=?, digest_style=?, tracking=?, opens=?, "
            + "language=?, archive=?, deliver_at=? WHERE id=?";

    static final String INSERT_LIST = "INSERT INTO mailing_list (name, from_address, reply_to, schedule, time_zone, "
            + "mode, synced_at, feeds, default_channels, digest_style, tracking, opens, language, archive, deliver_at, id) "
            + "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)";

    /** What the members file looked like at the last sync (size and modification time): unchanged is not read. */
    static final String MEMBERS_FINGERPRINT = "SELECT members_fingerprint FROM mailing_list WHERE id = ?";

    static final String SET_MEMBERS_FINGERPRINT = "UPDATE mailing_list SET members_fingerprint = ? WHERE id = ?";

    // ---- Readers and memberships (SubscriberStore) ----

    static final String SUBSCRIBER_BY_EMAIL = "SELECT id, email, name FROM subscriber WHERE email = ?";

    static final String SUBSCRIBER_BY_ID = "SELECT id, email, name FROM subscriber WHERE id=?";

    static final String INSERT_SUBSCRIBER =
            "INSERT INTO subscriber (email, name, created_at, time_zone) VALUES (?,?,?,?)";

    /** A reader's time zone, as they confirmed it at signup (their browser's) or a members file names it. */
    static final String SET_TIME_ZONE = "UPDATE subscriber SET time_zone=? WHERE id=?";

    /** The first active member of a list: the sample recipient of previews. */
    static final String SAMPLE_RECIPIENT = "SELECT s.id, s.email, s.name FROM membership m "
            + "JOIN subscriber s ON s.id = m.subscriber_id WHERE m.list_id=? AND m.state=? ORDER BY s.id "
            + "FETCH FIRST 1 ROWS ONLY";

    static final String IS_ACTIVE = "SELECT 1 FROM membership m JOIN subscriber s ON s.id = m.subscriber_id "
            + "WHERE m.list_id = ? AND s.email = ? AND m.state = 'active'";

    static final String MEMBERSHIP_STATE = "SELECT state FROM membership WHERE list_id=? AND subscriber_id=?";

    static final String MEMBERSHIPS = "SELECT list_id, state FROM membership WHERE subscriber_id = ? ORDER BY list_id";

    static final String UNSUBSCRIBE = "UPDATE membership SET state=?, source=?, changed_at=? "
            + "WHERE list_id=? AND subscriber_id=? AND state <> ?";

    /** A confirmed signup takes back a membership that had ended. */
    static final String REJOIN = "UPDATE membership SET state='active', source=?, changed_at=? "
            + "WHERE list_id=? AND subscriber_id=? AND state <> 'active'";

    static final String JOIN =
            "INSERT INTO membership (list_id, subscriber_id, state, source, changed_at) " + "VALUES (?,?,'active',?,?)";

    // ---- Consent to clicks kept under the reader's name (lists with tracking: individual) ----

    static final String CLICK_CONSENT = "SELECT click_consent FROM membership WHERE list_id=? AND subscriber_id=?";

    static final String SET_CLICK_CONSENT =
            "UPDATE membership SET click_consent=? WHERE list_id=? AND subscriber_id=? " + "AND click_consent <> ?";

    static final String CONSENTING_READERS =
            "SELECT subscriber_id FROM membership WHERE list_id=? AND click_consent AND state='active'";

    /** One entry of a reader's consent history: listed, confirmed, unsubscribed, removed. */
    static final String CONSENT_EVENT =
            "INSERT INTO consent_event (list_id, subscriber_id, event, source, at) VALUES (?,?,?,?,?)";

    // ---- The members file, streamed in chunks (MemberSync) ----
    // A chunk's keys go in as one array, joined row by row to the table's index. An IN list of a thousand parameters
    // cost H2 a scan of the whole list for every row the index found (a million comparisons a chunk, half the time
    // of an import), and PostgreSQL a generic plan made for an empty table; the same SQL runs on both.

    static final String SUBSCRIBERS_IN = "SELECT s.email, s.id, s.name, s.time_zone "
            + "FROM UNNEST(CAST(? AS VARCHAR ARRAY)) AS k(email) JOIN subscriber s ON s.email = k.email";

    /** The chunk's new readers in one statement: addresses, names and time zones as three arrays of one length. */
    static final String INSERT_SUBSCRIBERS = "INSERT INTO subscriber (email, name, created_at, time_zone) "
            + "SELECT k.email, k.name, CAST(? AS TIMESTAMP WITH TIME ZONE), k.time_zone "
            + "FROM UNNEST(CAST(? AS VARCHAR ARRAY), CAST(? AS VARCHAR ARRAY), CAST(? AS VARCHAR ARRAY)) "
            + "AS k(email, name, time_zone)";

    /** A row that names a reader anew: a name or zone it leaves empty keeps what the reader had. */
    static final String UPDATE_SUBSCRIBER =
            "UPDATE subscriber SET name=COALESCE(?, name), time_zone=COALESCE(?, time_zone) WHERE id=?";

    static final String MEMBERSHIPS_IN = "SELECT m.subscriber_id, m.state, m.sync_id "
            + "FROM UNNEST(CAST(? AS BIGINT ARRAY)) AS k(id) JOIN membership m ON m.subscriber_id = k.id "
            + "WHERE m.list_id = ?";

    // The chunk's memberships, one statement per kind of change, the subscriber ids as the last parameter.

    static final String INSERT_MEMBERSHIPS = "INSERT INTO membership (list_id, subscriber_id, state, source, "
            + "changed_at, sync_id) SELECT ?, k.id, 'active', ?, CAST(? AS TIMESTAMP WITH TIME ZONE), ? "
            + "FROM UNNEST(CAST(? AS BIGINT ARRAY)) AS k(id)";

    static final String REVIVE_MEMBERSHIPS = "UPDATE membership SET state='active', source=?, changed_at=?, sync_id=? "
            + "WHERE list_id=? AND subscriber_id = ANY(?)";

    static final String MARK_SEEN = "UPDATE membership SET sync_id=? WHERE list_id=? AND subscriber_id = ANY(?)";

    static final String CONSENT_EVENTS = "INSERT INTO consent_event (list_id, subscriber_id, event, source, at) "
            + "SELECT ?, k.id, ?, ?, CAST(? AS TIMESTAMP WITH TIME ZONE) FROM UNNEST(CAST(? AS BIGINT ARRAY)) AS k(id)";

    /**
     * Members the file no longer lists are removed, with a consent event each; signups and API imports are never
     * removed by a file.
     */
    static final String REMOVED_EVENTS = "INSERT INTO consent_event (list_id, subscriber_id, event, source, at) "
            + "SELECT list_id, subscriber_id, 'removed', ?, ? FROM membership WHERE list_id=? AND state='active' "
            + "AND source NOT IN ('signup', 'import') AND (sync_id IS NULL OR sync_id <> ?)";

    static final String REMOVE_UNSEEN = "UPDATE membership SET state='removed', source=?, changed_at=? "
            + "WHERE list_id=? AND state='active' AND source NOT IN ('signup', 'import') "
            + "AND (sync_id IS NULL OR sync_id <> ?)";

    // ---- The suppression list (Suppressions) ----

    static final String SUPPRESSED_IN =
            "SELECT s.email FROM UNNEST(CAST(? AS VARCHAR ARRAY)) AS k(email) JOIN suppression s ON s.email = k.email";

    /** The address or the keyed hash an erasure left of it. */
    static final String IS_SUPPRESSED = "SELECT 1 FROM suppression WHERE email IN (?, ?)";

    static final String SUPPRESS_ONCE = "INSERT INTO suppression (email, reason, detail, created_at) "
            + "SELECT ?, ?, ?, ? FROM (VALUES (1)) v(x) WHERE NOT EXISTS (SELECT 1 FROM suppression WHERE email = ?)";

    static final String UNSUPPRESS = "DELETE FROM suppression WHERE email = ?";

    /**
     * Erasures so far: their rows are never deleted (only an address's own row is), so the count only grows. No index
     * serves it; the suppression list is small beside the ledger, and the count is read every few seconds at most.
     */
    static final String ERASURES = "SELECT COUNT(*) FROM suppression WHERE reason = ?";

    // ---- GDPR access and erasure (PersonalData) ----

    static final String MEMBERSHIP_HISTORY = "SELECT list_id, state, source, changed_at, click_consent FROM membership "
            + "WHERE subscriber_id = ? ORDER BY list_id";

    static final String CONSENT_HISTORY =
            "SELECT list_id, event, source, at FROM consent_event WHERE subscriber_id = ? ORDER BY id";

    static final String TIME_ZONE = "SELECT time_zone FROM subscriber WHERE id = ?";

    /**
     * An erasure's first statement: the reader's row, locked until the erasure commits. A transaction that is
     * writing rows which point at the reader (a send's plan, an import or signup adding a membership) holds a share
     * lock on that row through its foreign-key check: the erasure waits here until it commits, and then deletes what
     * it wrote too. A writer that comes later waits for the erasure and then finds the reader gone. Without the lock,
     * the erasure deleted the reader's rows before such a writer committed and failed on its foreign key at the end.
     */
    static final String SUBSCRIBER_TO_ERASE = "SELECT id FROM subscriber WHERE email = ? FOR UPDATE";

    static final String ERASE_CONSENT = "DELETE FROM consent_event WHERE subscriber_id = ?";

    static final String ERASE_MEMBERSHIPS = "DELETE FROM membership WHERE subscriber_id = ?";

    static final String ERASE_SUBSCRIBER = "DELETE FROM subscriber WHERE id = ?";
}
