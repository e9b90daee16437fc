package io.herald.insight;

/**
 * Every statement of the insight tables (edition_link, link_click, reader_click, channel_arrival, signup_request);
 * no other package writes them. The reports here read the delivery, bounce and consent tables as well.
 */
final class InsightQueries {

    private InsightQueries() {}

    // ---- The links of an edition (ClickLinks) ----

    static final String LINKS = "SELECT n, url FROM edition_link WHERE edition_id = ? ORDER BY n";

    static final String INSERT_LINK = "INSERT INTO edition_link (edition_id, n, url) "
            + "SELECT ?, COALESCE(MAX(n), 0) + 1, ? FROM edition_link WHERE edition_id = ?";

    static final String LINK = "SELECT url FROM edition_link WHERE edition_id = ? AND n = ?";

    // ---- Counts (ClickCounts) ----

    static final String ADD_CLICKS = "UPDATE link_click SET human_total = human_total + ?, "
            + "human_unique = human_unique + ?, machine_total = machine_total + ?, machine_unique = machine_unique + ? "
            + "WHERE edition_id = ? AND n = ? AND hour_start = ? AND variant = ?";

    static final String INSERT_CLICKS = "INSERT INTO link_click (human_total, human_unique, machine_total, "
            + "machine_unique, edition_id, n, hour_start, variant) VALUES (?,?,?,?,?,?,?,?)";

    /** Written only while the list tracks individually and the reader's consent stands. */
    static final String INSERT_READER_CLICK = "INSERT INTO reader_click (edition_id, n, subscriber_id, machine, at) "
            + "SELECT ?, ?, ?, ?, ? FROM membership m JOIN edition e ON e.list_id = m.list_id "
            + "JOIN mailing_list l ON l.id = m.list_id WHERE e.id = ? AND m.subscriber_id = ? AND m.click_consent "
            + "AND l.tracking = 'INDIVIDUAL'";

    static final String EXPIRE_READER_CLICKS = "DELETE FROM reader_click WHERE at < ?";

    static final String ADD_ARRIVALS =
            "UPDATE channel_arrival SET arrivals = arrivals + ? WHERE article_id = ? AND channel = ? AND on_day = ?";

    static final String INSERT_ARRIVALS =
            "INSERT INTO channel_arrival (arrivals, article_id, channel, on_day) VALUES (?,?,?,?)";

    static final String ADD_SIGNUP_REQUEST =
            "UPDATE signup_request SET requests = requests + 1 WHERE list_id = ? AND on_day = ?";

    static final String INSERT_SIGNUP_REQUEST = "INSERT INTO signup_request (requests, list_id, on_day) VALUES (1,?,?)";

    // ---- A reader's clicks (GDPR access and erasure) ----

    static final String READER_CLICKS = "SELECT r.edition_id, l.url, r.machine, r.at FROM reader_click r "
            + "LEFT JOIN edition_link l ON l.edition_id = r.edition_id AND l.n = r.n WHERE r.subscriber_id = ? "
            + "ORDER BY r.id";

    static final String ERASE_READER_CLICKS = "DELETE FROM reader_click WHERE subscriber_id = ?";

    static final String FORGET_READER_CLICKS_ON_LIST = "DELETE FROM reader_click WHERE subscriber_id = ? "
            + "AND edition_id IN (SELECT id FROM edition WHERE list_id = ?)";

    // ---- What an edition did (EditionInsight) ----

    static final String SEND = "SELECT s.edition_id, s.list_id, s.started_by, s.created_at, s.started_at, "
            + "s.finished_at, s.status FROM send s WHERE s.id = ?";

    /** The outcome counts alone: the editors' preview shows them beside a sent article, without the curve. */
    static final String DELIVERY_STATES =
            "SELECT state, COUNT(*), SUM(CASE WHEN attempts > 1 THEN 1 ELSE 0 END) FROM delivery WHERE send_id = ? "
                    + "GROUP BY state";

    static final String SMTP_REFUSALS = "SELECT last_reply, COUNT(*) FROM delivery WHERE send_id = ? "
            + "AND state = 'failed_permanent' GROUP BY last_reply ORDER BY COUNT(*) DESC FETCH FIRST 20 ROWS ONLY";

    static final String BOUNCES = "SELECT kind, status, COUNT(*) FROM bounce_event WHERE send_id = ? "
            + "GROUP BY kind, status ORDER BY COUNT(*) DESC";

    static final String UNSUBSCRIBES = "SELECT COUNT(*) FROM consent_event WHERE event = 'unsubscribed' AND source = ?";

    static final String CLICKS_PER_LINK = "SELECT l.n, l.url, COALESCE(SUM(c.human_total), 0), "
            + "COALESCE(SUM(c.human_unique), 0), COALESCE(SUM(c.machine_total), 0), "
            + "COALESCE(SUM(c.machine_unique), 0) FROM edition_link l LEFT JOIN link_click c "
            + "ON c.edition_id = l.edition_id AND c.n = l.n WHERE l.edition_id = ? GROUP BY l.n, l.url ORDER BY l.n";

    /** Per subject variant: people who clicked any link (n = -1 counts clients over all links), and their clicks. */
    static final String VARIANT_CLICKS = "SELECT variant, SUM(CASE WHEN n = -1 THEN human_unique ELSE 0 END), "
            + "SUM(CASE WHEN n > 0 THEN human_total ELSE 0 END) FROM link_click WHERE edition_id = ? AND variant > 0 "
            + "GROUP BY variant";

    static final String EDITION_COUNTS = "SELECT n, SUM(human_total), SUM(human_unique), SUM(machine_total), "
            + "SUM(machine_unique) FROM link_click WHERE edition_id = ? AND n <= 0 GROUP BY n";

    /**
     * A finished send's rows in one read, for both its outcome counts and its rate curve: per state and bucket of ?
     * seconds (from the rows' last change), the rows and those that took more than one attempt. The delivered rows
     * per bucket are the curve; the sums over the buckets, the counts ({@link #DELIVERY_STATES} alone, for the
     * preview). Reading the rows twice, once for each, took H2 about 3 s more over a million rows.
     * The epoch is cut to whole seconds before dividing: H2's EXTRACT(EPOCH) is a decimal with nanoseconds, and
     * dividing 100,000 of those took minutes. FLOOR, as a CAST alone rounds: a message at 9.999 s went to the bucket
     * of the 10th second. Grouped by the output column's name (both databases allow it), not over a derived table:
     * H2 keeps a derived table's rows as a result of their own, and for a send of a million that held 15-18 MB more
     * of the heap while the query ran (the node's peak).
     */
    static final String DELIVERY_STATES_AND_RATE = "SELECT state, "
            + "CAST(FLOOR(EXTRACT(EPOCH FROM updated_at)) AS BIGINT) / ? AS b, COUNT(*), "
            + "SUM(CASE WHEN attempts > 1 THEN 1 ELSE 0 END) FROM delivery WHERE send_id = ? GROUP BY state, b";

    static final String EDITION_ARTICLES =
            "SELECT a.id, a.title FROM edition_article ea JOIN article a ON a.id = ea.article_id "
                    + "WHERE ea.edition_id = ? ORDER BY ea.position";

    static final String POSTS = "SELECT channel, state, external_url FROM social_post WHERE article_id = ? ORDER BY id";

    static final String ARRIVALS =
            "SELECT channel, SUM(arrivals) FROM channel_arrival WHERE article_id = ? GROUP BY channel ORDER BY channel";

    static final String SENDS_OF_ARTICLE = "SELECT s.id FROM send s JOIN edition_article ea "
            + "ON ea.edition_id = s.edition_id WHERE ea.article_id = ? AND s.dry_run = FALSE ORDER BY s.id DESC";

    // ---- What a list did (ListActivity) ----

    static final String ACTIVE_MEMBERS = "SELECT COUNT(*) FROM membership WHERE list_id = ? AND state = 'active'";

    static final String CONSENT_PER_DAY = "SELECT CAST(at AS DATE), event, COUNT(*) FROM consent_event "
            + "WHERE list_id = ? AND at >= ? GROUP BY CAST(at AS DATE), event";

    static final String SIGNUPS_PER_DAY =
            "SELECT on_day, requests FROM signup_request WHERE list_id = ? AND on_day >= ?";

    static final String BOUNCES_PER_DAY = "SELECT CAST(b.at AS DATE), COUNT(*) FROM bounce_event b "
            + "JOIN send s ON s.id = b.send_id WHERE s.list_id = ? AND b.kind <> 'complaint' AND b.at >= ? "
            + "GROUP BY CAST(b.at AS DATE)";
}
