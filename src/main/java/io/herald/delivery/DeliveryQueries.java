package io.herald.delivery;

/**
 * Every statement on the delivery tables, in the order of a send's life: plan (edition, send, ledger rows, batches),
 * hand out, claim, record, report, history. The delivery package owns these tables (edition, edition_article, send,
 * send_batch, delivery); no other package writes them. Read it top to bottom to see what the ledger does; the
 * classes beside it (SendPlanner, SendLedger, DeliveryRows, SendHistory, DeliveryMetrics) bind the parameters.
 *
 * <p>Statements with {@code %s} or {@code %d} take a value Herald computes itself (a state, a column name, a row
 * count), never one from a request: formatted in, not bound, where the database's plan depends on it.
 */
final class DeliveryQueries {

    private DeliveryQueries() {}

    // ---- Planning: one transaction per plan (SendPlanner) ----

    static final String EDITION_BY_KEY = "SELECT id FROM edition WHERE list_id=? AND dedupe_key=?";

    static final String INSERT_EDITION = "INSERT INTO edition (list_id, dedupe_key, created_at) VALUES (?,?,?)";

    static final String INSERT_EDITION_ARTICLE =
            "INSERT INTO edition_article (edition_id, article_id, position) VALUES (?,?,?)";

    /** The live (not dry-run) send of an edition: live_edition_id is unique, so an edition goes out once. */
    static final String LIVE_SEND_OF_EDITION = "SELECT id FROM send WHERE live_edition_id=?";

    static final String INSERT_SEND = "INSERT INTO send (edition_id, live_edition_id, list_id, dry_run, status, "
            + "started_by, created_at) VALUES (?,?,?,?,'planned',?,?)";

    /**
     * Active members become pending rows; members who unsubscribed or are suppressed become skipped rows, so the skip
     * is counted. The database copies the list: no member is held in memory. The order names both columns of the
     * membership key, so that H2 reads them in that order from the key (a lone subscriber_id sorted them apart). On
     * H2 the SELECT is DIRECT: its rows are inserted as they are read, where H2 otherwise first copies the whole
     * result into a temporary store, which an allocation profile of a send's start found in the node's heap; the
     * statement reads no table it writes, so nothing it inserts can come back to it.
     */
    private static final String INSERT_DELIVERIES = "INSERT INTO delivery (send_id, subscriber_id, state, "
            + "next_attempt, updated_at, last_reply) %1$s SELECT ?, m.subscriber_id, "
            + "CASE WHEN m.state = 'active' AND sp.email IS NULL THEN 'pending' ELSE 'skipped' END, ?, ?, "
            + "CASE WHEN sp.email IS NOT NULL THEN 'suppressed: ' || sp.reason "
            + "WHEN m.state = 'active' THEN NULL ELSE m.state END "
            + "FROM membership m JOIN subscriber s ON s.id = m.subscriber_id "
            + "LEFT JOIN suppression sp ON sp.email = s.email "
            + "WHERE m.list_id = ? AND m.state IN ('active', 'unsubscribed') %2$s ORDER BY m.list_id, m.subscriber_id";

    /** The time zones among the readers a send to the list reaches (NULL: the list's own). */
    static final String MEMBER_ZONES = "SELECT DISTINCT s.time_zone FROM membership m "
            + "JOIN subscriber s ON s.id = m.subscriber_id WHERE m.list_id = ? AND m.state IN ('active', 'unsubscribed')";

    /** INSERT_DELIVERIES for every reader of the list (bound: send, due, now, list). */
    static String insertDeliveries(boolean postgres) {
        return INSERT_DELIVERIES.formatted(postgres ? "" : "DIRECT", "");
    }

    /**
     * INSERT_DELIVERIES for the readers in some time zones (their names bound after the list id), and those without
     * one when {@code withoutZone}: one statement per release time of a local-hour send.
     */
    static String insertDeliveriesInZones(boolean postgres, int zones, boolean withoutZone) {
        String named = zones == 0
                ? null
                : "s.time_zone IN (" + String.join(",", java.util.Collections.nCopies(zones, "?")) + ")";
        String condition =
                named == null ? "s.time_zone IS NULL" : withoutZone ? "(" + named + " OR s.time_zone IS NULL)" : named;
        return INSERT_DELIVERIES.formatted(postgres ? "" : "DIRECT", "AND " + condition);
    }

    /**
     * The ledger's highest id before a plan inserts its rows: the send's rows all come after it, as the ledger's ids
     * are handed out in order across connections (PostgreSQL's identity caches one value; H2's cache is the
     * database's, see V21). Read backwards from the primary key, at once however large the ledger.
     */
    static final String HIGHEST_DELIVERY_ID = "SELECT COALESCE(MAX(id), 0) FROM delivery";

    /**
     * The first and last id of a planned send's rows above the ledger's highest id before the plan, and how many lie
     * there. Without that bound PostgreSQL found MIN(id) by reading the primary key from the ledger's first row, past
     * every row of every earlier send (it reckons the new send's rows spread over the table): 6.1-6.7 s on a ledger
     * of 36.5 million rows, a year of a daily list of 100,000, inside the plan's transaction (BENCHMARKS.md, "A year
     * of sends").
     */
    static final String DELIVERY_ID_RANGE =
            "SELECT MIN(id), MAX(id), COUNT(*) FROM delivery WHERE send_id = ? AND id > ?";

    static final String INSERT_BATCH = "INSERT INTO send_batch (send_id, seq, first_id, last_id) VALUES (?,?,?,?)";

    static final String SET_BATCH_COUNT = "UPDATE send SET batch_count = ? WHERE id = ?";

    // ---- Subject tests (SubjectVariants) ----

    static final String INSERT_SUBJECT_VARIANT =
            "INSERT INTO subject_variant (send_id, variant, subject) VALUES (?,?,?)";

    static final String SET_SUBJECT_TEST = "UPDATE send SET test_share=?, test_until=? WHERE id=?";

    /** Every row waits for the winner; the sample is then made due now. */
    static final String HOLD_FOR_WINNER = "UPDATE delivery SET next_attempt=? WHERE send_id=? AND state='pending'";

    static final String PENDING_IDS = "SELECT id FROM delivery WHERE send_id=? AND state='pending' ORDER BY id";

    static final String INTO_VARIANT = "UPDATE delivery SET variant=?, next_attempt=? WHERE id=?";

    static final String SUBJECT_VARIANTS = "SELECT subject FROM subject_variant WHERE send_id=? ORDER BY variant";

    static final String SUBJECT_TEST =
            "SELECT test_share, test_until, COALESCE(test_winner, 0), test_decision FROM send WHERE id=?";

    /** A compare-and-set: the first decision stands. */
    static final String DECIDE_SUBJECT_TEST =
            "UPDATE send SET test_winner=?, test_decision=? WHERE id=? AND test_winner IS NULL";

    static final String VARIANT_REACH = "SELECT COALESCE(variant, 0), COUNT(*), "
            + "SUM(CASE WHEN state='sent' THEN 1 ELSE 0 END) FROM delivery WHERE send_id=? "
            + "GROUP BY COALESCE(variant, 0) ORDER BY 1";

    static final String EDITION_LIST = "SELECT list_id FROM edition WHERE id=?";

    static final String EDITION_ARTICLES =
            "SELECT article_id FROM edition_article WHERE edition_id=? ORDER BY position";

    // ---- The send and its batches (SendLedger) ----

    static final String SEND = "SELECT id, edition_id, list_id, dry_run, status, batch_count FROM send WHERE id = ?";

    static final String RUNNING_SENDS = "SELECT id FROM send WHERE status IN ('planned', 'sending') ORDER BY id";

    static final String BATCH = "SELECT first_id, last_id FROM send_batch WHERE send_id=? AND seq=?";

    /**
     * Batches already handed out that still hold pending rows (rows in flight are pending until their outcome): a
     * batch is open when the send's first pending row from the batch's first id on lies within the batch. That first
     * row is one step into (send_id, state, id) on both databases. Asked as EXISTS over the batch's id range,
     * PostgreSQL read the send's pending rows from the start for every batch and kept only the batch's (0.75-1.4 s in
     * the middle of a send of 100,000, 3.6 million index entries; 2.5 ms this way), and the send watchdog acted on
     * that second-old answer (BENCHMARKS.md, "A year of sends").
     */
    static final String OPEN_BATCHES = "SELECT b.seq FROM send_batch b JOIN send s ON s.id = b.send_id "
            + "WHERE b.send_id=? AND b.seq < s.next_batch AND (SELECT d.id FROM delivery d WHERE d.send_id=b.send_id "
            + "AND d.state='pending' AND d.id >= b.first_id ORDER BY d.send_id, d.state, d.id FETCH FIRST 1 ROW ONLY) "
            + "<= b.last_id ORDER BY b.seq";

    static final String NEXT_BATCH = "SELECT next_batch, batch_count FROM send WHERE id=?";

    /** A compare-and-set: nodes racing for the same batches each get distinct ones. */
    static final String TAKE_BATCHES = "UPDATE send SET next_batch=? WHERE id=? AND next_batch=?";

    static final String ALL_HANDED_OUT = "SELECT COUNT(*) FROM send WHERE id=? AND next_batch >= batch_count";

    static final String SET_WAITING_REASON = "UPDATE send SET status_reason=? WHERE id=? AND status='sending'";

    static final String CLEAR_WAITING_REASON =
            "UPDATE send SET status_reason=NULL WHERE id=? AND status='sending' AND status_reason LIKE ?";

    /** Moves a send between statuses; %s is the list of statuses it may leave. */
    static final String TRANSITION = "UPDATE send SET status=?, status_reason=?, "
            + "started_at=CASE WHEN ?='sending' AND started_at IS NULL THEN ? ELSE started_at END, "
            + "finished_at=CASE WHEN ? IN ('finished','cancelled') THEN ? ELSE finished_at END "
            + "WHERE id=? AND status IN (%s)";

    /** A send's row as {@link SendHistory.SendRow#read} reads it, in this order. */
    static final String SEND_COLUMNS =
            "id, list_id, edition_id, dry_run, status, started_by, created_at, started_at, finished_at, status_reason";

    static final String REPORT = "SELECT " + SEND_COLUMNS + " FROM send WHERE id=?";

    // ---- Batch leases (DeliveryRows) ----

    /**
     * Takes or renews the lease on a batch: a compare-and-set that succeeds when nobody holds it, this worker holds
     * it, or the holder's lease ran out (that worker is gone). One worker sends a batch's rows at a time; its rows
     * stay pending while it does, and each row is written once, with its outcome.
     */
    static final String LEASE_BATCH = "UPDATE send_batch SET claim=?, lease_until=?, claimed_rows=? "
            + "WHERE send_id=? AND seq=? AND (claim IS NULL OR claim=? OR lease_until < ?)";

    /** Who holds a batch's lease, and until when. */
    static final String BATCH_LEASE = "SELECT claim, lease_until FROM send_batch WHERE send_id=? AND seq=?";

    /** A worker that ended its batch run gives the lease back. */
    static final String RELEASE_BATCH =
            "UPDATE send_batch SET claim=NULL, lease_until=NULL, claimed_rows=0 WHERE send_id=? AND seq=? AND claim=?";

    /**
     * At start: the batches an earlier run of this node held (claim LIKE the node's pattern, NOT LIKE this run's) are
     * free again at once: nobody else can be sending them, so their rows need not wait for the lease to end.
     */
    static final String RELEASE_EARLIER_RUNS = "UPDATE send_batch SET claim=NULL, lease_until=NULL, claimed_rows=0 "
            + "WHERE send_id=? AND claim LIKE ? AND claim NOT LIKE ?";

    /** The rows the send's workers hold in their current claims (they are still pending in the ledger). */
    static final String IN_FLIGHT = "SELECT COALESCE(SUM(claimed_rows), 0) FROM send_batch "
            + "WHERE send_id=? AND claim IS NOT NULL AND lease_until >= ?";

    // ---- The ledger rows, one per reader (DeliveryRows) ----

    /** The first %d due rows of a leased batch in id order: the claim reads the id range they span. */
    static final String DUE_ROWS = "SELECT id FROM delivery WHERE send_id=? AND id BETWEEN ? AND ? "
            + "AND state='pending' AND next_attempt <= ? ORDER BY id FETCH FIRST %d ROWS ONLY";

    /**
     * The claimed rows with their reader and what stands between them and the message now (membership, suppression):
     * the due rows in the id range just found, a primary-key range read. A row whose reader is gone comes without
     * address and membership, and is skipped: H2 lets a plan that read the list while the reader was being erased
     * keep that reader's row (its foreign-key check does not wait for the erasure), which would otherwise stay
     * pending for ever.
     */
    static final String CLAIMED = "SELECT d.id, d.subscriber_id, s.email, s.name, d.attempts, m.state, sp.reason, "
            + "COALESCE(d.variant, 0) "
            + "FROM delivery d LEFT JOIN subscriber s ON s.id = d.subscriber_id "
            + "LEFT JOIN membership m ON m.list_id = ? AND m.subscriber_id = d.subscriber_id "
            + "LEFT JOIN suppression sp ON sp.email = s.email WHERE d.id BETWEEN ? AND ? AND d.state = 'pending' "
            + "AND d.next_attempt <= ? ORDER BY d.id";

    /**
     * An outcome, written only over a pending row: a row another worker already recorded (it took the batch over
     * after this worker's lease ran out) is left as it is. A message the relay took is recorded sent even over a
     * cancel that came while it was in flight, since the reader has it.
     */
    static final String OUTCOME = "UPDATE delivery SET state=?, last_reply=?, message_id=?, "
            + "next_attempt=COALESCE(?, next_attempt), attempts=attempts+?, updated_at=? "
            + "WHERE id=? AND (state='pending' OR (state='cancelled' AND ?='sent'))";

    /**
     * PostgreSQL: a flush's outcomes in one statement, the rows joined to arrays of their values, as {@link #OUTCOME}
     * writes each (a statement per row was half of the database's work in a send; H2, inside Herald's process, keeps
     * the batch of single rows). Parameters: updated_at, then the arrays id, state, last_reply, message_id,
     * next_attempt (ISO-8601 text) and the attempts counted (1 for a tried row).
     */
    static final String OUTCOMES = "UPDATE delivery d SET state=u.state, last_reply=u.reply, message_id=u.message_id, "
            + "next_attempt=COALESCE(CAST(u.next_attempt AS TIMESTAMP WITH TIME ZONE), d.next_attempt), "
            + "attempts=d.attempts+u.tried, updated_at=? "
            + "FROM UNNEST(CAST(? AS BIGINT ARRAY), CAST(? AS VARCHAR ARRAY), "
            + "CAST(? AS VARCHAR ARRAY), CAST(? AS VARCHAR ARRAY), CAST(? AS VARCHAR ARRAY), CAST(? AS INTEGER ARRAY)) "
            + "AS u(id, state, reply, message_id, next_attempt, tried) WHERE d.id = u.id "
            + "AND (d.state = 'pending' OR (d.state = 'cancelled' AND u.state = 'sent'))";

    static final String MARK_DRY_RUN =
            "UPDATE delivery SET state='dry_run', updated_at=? WHERE send_id=? AND state='pending'";

    static final String CANCEL_PENDING =
            "UPDATE delivery SET state='cancelled', updated_at=? WHERE send_id=? AND state='pending'";

    /** The earliest value of column %s among the batch's rows in one state. */
    static final String EARLIEST = "SELECT MIN(%s) FROM delivery WHERE send_id=? AND state=? AND id BETWEEN ? AND ?";

    static final String COUNT_IN_STATE = "SELECT COUNT(*) FROM delivery WHERE send_id=? AND state=?";

    static final String COUNT_BY_STATE = "SELECT state, COUNT(*) FROM delivery WHERE send_id=? GROUP BY state";

    /**
     * Rows not yet tried that wait for a later moment (a local-hour send's readers in zones whose hour has not come):
     * how many, the next release and the last.
     */
    static final String DUE_LATER = "SELECT COUNT(*), MIN(next_attempt), MAX(next_attempt) FROM delivery "
            + "WHERE send_id=? AND state='pending' AND attempts=0 AND next_attempt > ?";

    /** GDPR erasure: the reader's rows go with them. */
    /**
     * A reader's rows, found send by send through {@code (send_id, subscriber_id)}: every row's send exists (the
     * foreign key), and PostgreSQL, which has no index led by the reader, otherwise read that index whole on a
     * year's ledger (1.4 s of an erasure; BENCHMARKS.md, "A year of sends", "A reader's lists").
     */
    static final String FORGET_SUBSCRIBER =
            "DELETE FROM delivery WHERE subscriber_id = ? AND send_id IN (SELECT id FROM send)";

    // ---- History for the ops console and the public pages (SendHistory, DeliveryMetrics) ----

    /** The newest editions sent for real, each with its lead story's headline. */
    static final String RECENT_EDITIONS = "SELECT s.edition_id, l.name, a.title, s.created_at, l.time_zone "
            + "FROM send s JOIN mailing_list l ON l.id = s.list_id "
            + "JOIN edition_article ea ON ea.edition_id = s.edition_id JOIN article a ON a.id = ea.article_id "
            + "WHERE s.dry_run = FALSE AND s.status IN ('sending', 'finished') AND ea.position = "
            + "(SELECT MIN(e2.position) FROM edition_article e2 WHERE e2.edition_id = s.edition_id) "
            + "ORDER BY s.id DESC FETCH FIRST ? ROWS ONLY";

    /**
     * A list's archive, newest first: the editions that went to the whole list (real sends that finished; a dry run,
     * a test or a cancelled send is not an edition readers had), with when they finished.
     */
    static final String ARCHIVED_EDITIONS = "SELECT s.edition_id, COALESCE(s.finished_at, s.created_at) FROM send s "
            + "WHERE s.list_id = ? AND s.dry_run = FALSE AND s.status = 'finished' "
            + "ORDER BY s.id DESC OFFSET ? ROWS FETCH NEXT ? ROWS ONLY";

    static final String ARCHIVED_COUNT =
            "SELECT COUNT(*) FROM send s WHERE s.list_id = ? AND s.dry_run = FALSE AND s.status = 'finished'";

    static final String RECENT_SENDS = "SELECT id FROM send ORDER BY id DESC FETCH FIRST ? ROWS ONLY";

    /**
     * A page of sends, newest first, for GET /api/sends: below an id (null: from the newest), of one list and in one
     * status when asked (null: any). The casts let PostgreSQL type a parameter that may be null.
     */
    static final String SENDS_PAGE =
            "SELECT " + SEND_COLUMNS + " FROM send WHERE (CAST(? AS BIGINT) IS NULL OR id < ?) "
                    + "AND (CAST(? AS VARCHAR) IS NULL OR list_id = ?) AND (CAST(? AS VARCHAR) IS NULL OR status = ?) "
                    + "ORDER BY id DESC FETCH FIRST ? ROWS ONLY";

    static final String SENDS_COUNT = "SELECT COUNT(*) FROM send WHERE (CAST(? AS VARCHAR) IS NULL OR list_id = ?) "
            + "AND (CAST(? AS VARCHAR) IS NULL OR status = ?)";

    static final String EDITIONS_BY_ARTICLE = "SELECT ea.article_id, s.id, s.edition_id, s.list_id, s.dry_run, "
            + "s.status FROM edition_article ea JOIN send s ON s.edition_id = ea.edition_id ORDER BY s.id DESC";

    static final String FAILURES = "SELECT d.send_id, s.email, d.state, d.attempts, d.last_reply "
            + "FROM delivery d JOIN subscriber s ON s.id = d.subscriber_id WHERE d.send_id = ? "
            + "AND d.state IN ('failed_permanent', 'failed_temporary') ORDER BY d.id FETCH FIRST ? ROWS ONLY";

    /** A reader's emails, for a GDPR access request. */
    static final String EMAILS_TO = "SELECT d.send_id, s.list_id, d.state, d.updated_at FROM delivery d "
            + "JOIN send s ON s.id = d.send_id WHERE d.subscriber_id = ? ORDER BY d.id";

    /** Who a send to the list would reach: active members, and how many of them are suppressed. */
    static final String AUDIENCE = "SELECT COUNT(*), COUNT(sp.email) FROM membership m "
            + "JOIN subscriber s ON s.id = m.subscriber_id LEFT JOIN suppression sp ON sp.email = s.email "
            + "WHERE m.list_id = ? AND m.state = 'active'";

    static final String BATCHES_QUEUED =
            "SELECT COALESCE(SUM(batch_count - next_batch), 0) FROM send WHERE status IN ('planned', 'sending')";

    static final String SENDS_RUNNING = "SELECT COUNT(*) FROM send WHERE status IN ('planned', 'sending')";
}
