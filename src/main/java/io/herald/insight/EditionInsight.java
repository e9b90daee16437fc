package io.herald.insight;

import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import javax.sql.DataSource;

import io.herald.common.RecentReadings;
import io.herald.storage.Sql;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * What an edition did after its send: the ledger's outcomes, bounces and complaints that came back quoting its
 * Message-IDs, unsubscribes through its links, clicks per link (people and machines apart), opens where the list
 * counts them, the send's rate over time, and what the teasers of its articles did.
 */
@ApplicationScoped
public class EditionInsight {

    /** Clicks on one link: totals and unique clients, people apart from machines. */
    public record LinkClicks(
            int n, String url, long humanTotal, long humanUnique, long machineTotal, long machineUnique) {}

    /** Bounces and complaints of one kind and status (a DSN status such as 5.1.1, or a feedback type). */
    public record Bounces(String kind, String status, long count) {}

    /** An SMTP refusal during the send and how many readers got it. */
    public record Refusal(String reply, long count) {}

    /** Messages delivered in one bucket of the send. */
    public record RatePoint(Instant at, long delivered) {}

    /** One channel of one article: its posts and the visits that came from it. */
    public record ChannelFigures(String channel, List<String> posts, long arrivals) {}

    /** One article of the edition and its teasers' figures. */
    public record ArticleFigures(long id, String title, List<ChannelFigures> channels) {}

    /** Opens, only where the list counts them. */
    public record Opens(long total, long unique, long machineTotal) {}

    /** Everything, as the page, the CSV and GET /api/sends/{id} show it. */
    public record Figures(
            long send,
            long edition,
            String list,
            String startedBy,
            long delivered,
            long deferred,
            long waiting,
            long refused,
            List<Refusal> refusals,
            long hardBounces,
            long softBounces,
            long complaints,
            List<Bounces> bounces,
            long unsubscribes,
            long humanClicks,
            long humanClickers,
            long machineClicks,
            long machineClickers,
            double clickThroughRate,
            List<LinkClicks> links,
            Opens opens,
            int rateBucketSeconds,
            List<RatePoint> rate,
            List<ArticleFigures> articles) {}

    private final DataSource dataSource;

    private final ClickCounts clicks;

    /**
     * A running send's unsubscribe count is taken again after ten seconds at the soonest, after twenty times what the
     * last count took, and after a minute at the latest (see {@link #unsubscribes}).
     */
    private final RecentReadings<Long, Long> liveUnsubscribes = new RecentReadings<>(
            java.util.concurrent.TimeUnit.SECONDS.toNanos(10), 20, java.util.concurrent.TimeUnit.MINUTES.toNanos(1));

    EditionInsight(DataSource dataSource, ClickCounts clicks) {
        this.dataSource = dataSource;
        this.clicks = clicks;
    }

    /** The source an unsubscribe through this send's link records, which counts it against the send. */
    public static String unsubscribeSource(long sendId) {
        return "email link (send " + sendId + ")";
    }

    /** The ledger's counts of a send that is still going, as its report has them: no scan of its rows needed. */
    public record LiveCounts(long delivered, long waiting, long refused) {}

    /**
     * The figures the editors' preview shows beside a sent article: the outcomes, bounces, unsubscribes and clicks,
     * without the refusals, the rate curve and the teasers (the page has them where it needs them).
     */
    public Optional<Figures> summary(long sendId) throws SQLException {
        return of(sendId, false, Optional.empty(), false);
    }

    /** A subject variant's clicks from people: how many people clicked any link, and how often in all. */
    public record VariantClicks(long people, long clicks) {}

    /**
     * Clicks per subject variant of an edition's subject test (people only: machines and opens never count), after
     * the clicks this node holds in memory are written.
     */
    public Map<Integer, VariantClicks> subjectClicks(long editionId) throws SQLException {
        clicks.flush();
        Map<Integer, VariantClicks> byVariant = new LinkedHashMap<>();
        for (Object[] row : Sql.query(dataSource, InsightQueries.VARIANT_CLICKS, ps -> ps.setLong(1, editionId), rs ->
                new Object[] {rs.getInt(1), new VariantClicks(rs.getLong(2), rs.getLong(3))})) {
            byVariant.put((Integer) row[0], (VariantClicks) row[1]);
        }
        return byVariant;
    }

    /**
     * The figures; for a send still going, {@code live} gives the ledger's counts and the scans of its rows (the
     * deferred count, the refusals, the rate curve) wait until it ends, so watching a send does not slow it.
     */
    public Optional<Figures> of(long sendId, boolean opensCounted, Optional<LiveCounts> live) throws SQLException {
        return of(sendId, opensCounted, live, true);
    }

    private Optional<Figures> of(long sendId, boolean opensCounted, Optional<LiveCounts> live, boolean detail)
            throws SQLException {
        Optional<Object[]> send = Sql.first(dataSource, InsightQueries.SEND, ps -> ps.setLong(1, sendId), rs ->
                new Object[] {rs.getLong(1), rs.getString(2), rs.getString(3), Sql.instant(rs, 5), Sql.instant(rs, 6)});
        if (send.isEmpty()) {
            return Optional.empty();
        }
        long edition = (Long) send.get()[0];
        Instant started = (Instant) send.get()[3];
        Instant finished = (Instant) send.get()[4];
        int bucket = bucketSeconds(started, finished);
        Map<String, long[]> states = new LinkedHashMap<>();
        List<RatePoint> rate = List.of();
        if (live.isEmpty() && detail) {
            rate = statesAndRate(sendId, bucket, states);
        } else if (live.isEmpty()) {
            for (Object[] row : Sql.query(dataSource, InsightQueries.DELIVERY_STATES, ps -> ps.setLong(1, sendId), rs ->
                    new Object[] {rs.getString(1), rs.getLong(2), rs.getLong(3)})) {
                states.put((String) row[0], new long[] {(Long) row[1], (Long) row[2]});
            }
        }
        long delivered = live.map(LiveCounts::delivered).orElse(count(states, "sent", 0));
        long deferred = count(states, "sent", 1) + count(states, "failed_temporary", 0);
        long waiting = live.map(LiveCounts::waiting)
                .orElse(count(states, "pending", 0)
                        + count(states, "sending", 0)
                        + count(states, "failed_temporary", 0));
        long refused = live.map(LiveCounts::refused).orElse(count(states, "failed_permanent", 0));
        List<Refusal> refusals = live.isPresent() || !detail
                ? List.of()
                : Sql.query(
                        dataSource,
                        InsightQueries.SMTP_REFUSALS,
                        ps -> ps.setLong(1, sendId),
                        rs -> new Refusal(rs.getString(1) == null ? "(no reply)" : rs.getString(1), rs.getLong(2)));
        List<Bounces> bounces = Sql.query(
                dataSource,
                InsightQueries.BOUNCES,
                ps -> ps.setLong(1, sendId),
                rs -> new Bounces(rs.getString(1), rs.getString(2) == null ? "" : rs.getString(2), rs.getLong(3)));
        long unsubscribes = unsubscribes(sendId, live.isPresent());
        List<LinkClicks> links = Sql.query(
                dataSource,
                InsightQueries.CLICKS_PER_LINK,
                ps -> ps.setLong(1, edition),
                rs -> new LinkClicks(
                        rs.getInt(1), rs.getString(2), rs.getLong(3), rs.getLong(4), rs.getLong(5), rs.getLong(6)));
        Map<Integer, long[]> editionRows = new LinkedHashMap<>();
        for (Object[] row : Sql.query(dataSource, InsightQueries.EDITION_COUNTS, ps -> ps.setLong(1, edition), rs ->
                new Object[] {rs.getInt(1), new long[] {rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getLong(5)}})) {
            editionRows.put((Integer) row[0], (long[]) row[1]);
        }
        long[] any = editionRows.getOrDefault(ClickCounts.ANY_LINK, new long[4]);
        long[] open = editionRows.getOrDefault(0, new long[4]);
        long humanClicks = links.stream().mapToLong(LinkClicks::humanTotal).sum();
        long machineClicks = links.stream().mapToLong(LinkClicks::machineTotal).sum();
        return Optional.of(new Figures(
                sendId,
                edition,
                (String) send.get()[1],
                (String) send.get()[2],
                delivered,
                deferred,
                waiting,
                refused,
                refusals,
                sum(bounces, "hard"),
                sum(bounces, "soft"),
                sum(bounces, "complaint"),
                bounces,
                unsubscribes,
                humanClicks,
                any[1],
                machineClicks,
                any[3],
                delivered == 0 ? 0 : Math.round(any[1] * 10000.0 / delivered) / 10000.0,
                links,
                opensCounted ? new Opens(open[0], open[1], open[2]) : null,
                bucket,
                rate,
                detail ? articles(edition) : List.of()));
    }

    /**
     * Unsubscribes through the send's links. They are counted in consent_event, which holds a row for every reader a
     * list file ever listed: PostgreSQL finds them through an index that holds only the unsubscribes (V26); H2 has
     * no partial index and no index on the source (it would slow every import), and a count reads the whole table.
     * While the send goes on, the count is taken again once the last is ten seconds old and twenty times as old
     * as it took, or a minute old, so that a console watching it does not read the table at every refresh; once it
     * has ended, at every request.
     */
    private long unsubscribes(long sendId, boolean live) throws SQLException {
        if (live) {
            return liveUnsubscribes.get(sendId, () -> countUnsubscribes(sendId));
        }
        liveUnsubscribes.forget(sendId);
        return countUnsubscribes(sendId);
    }

    private long countUnsubscribes(long sendId) throws SQLException {
        return Sql.count(dataSource, InsightQueries.UNSUBSCRIBES, ps -> ps.setString(1, unsubscribeSource(sendId)));
    }

    /**
     * A finished send's counts per state into {@code states} (rows, rows that took more than one attempt) and its
     * rate curve, from one read of its rows.
     */
    private List<RatePoint> statesAndRate(long sendId, int bucket, Map<String, long[]> states) throws SQLException {
        Map<Long, Long> delivered = new TreeMap<>();
        for (Object[] row : Sql.query(
                dataSource,
                InsightQueries.DELIVERY_STATES_AND_RATE,
                ps -> {
                    ps.setInt(1, bucket);
                    ps.setLong(2, sendId);
                },
                rs -> new Object[] {rs.getString(1), rs.getLong(2), rs.getLong(3), rs.getLong(4)})) {
            String state = (String) row[0];
            long[] counts = states.computeIfAbsent(state, s -> new long[2]);
            counts[0] += (Long) row[2];
            counts[1] += (Long) row[3];
            if ("sent".equals(state)) {
                delivered.merge((Long) row[1], (Long) row[2], Long::sum);
            }
        }
        List<RatePoint> rate = new ArrayList<>(delivered.size());
        delivered.forEach((at, count) -> rate.add(new RatePoint(Instant.ofEpochSecond(at * bucket), count)));
        return rate;
    }

    private static long count(Map<String, long[]> states, String state, int column) {
        long[] row = states.get(state);
        return row == null ? 0 : row[column];
    }

    private static long sum(List<Bounces> bounces, String kind) {
        return bounces.stream()
                .filter(b -> b.kind().equals(kind))
                .mapToLong(Bounces::count)
                .sum();
    }

    /** About sixty points over the send, at least a second each. */
    static int bucketSeconds(Instant started, Instant finished) {
        if (started == null) {
            return 1;
        }
        long seconds = Duration.between(started, finished == null ? Instant.now() : finished)
                .toSeconds();
        return (int) Math.max(1, Math.min(86_400, (seconds + 59) / 60));
    }

    /** Each article of the edition: the teasers' posts per channel and the visits each channel brought. */
    public List<ArticleFigures> articles(long edition) throws SQLException {
        List<ArticleFigures> figures = new ArrayList<>();
        for (Object[] a : Sql.query(dataSource, InsightQueries.EDITION_ARTICLES, ps -> ps.setLong(1, edition), rs ->
                new Object[] {rs.getLong(1), rs.getString(2)})) {
            figures.add(new ArticleFigures((Long) a[0], (String) a[1], channels((Long) a[0])));
        }
        return figures;
    }

    /** An article's channels: each post's state and link, and the arrivals the channel brought. */
    public List<ChannelFigures> channels(long article) throws SQLException {
        Map<String, List<String>> posts = new LinkedHashMap<>();
        Map<String, Long> arrivals = new LinkedHashMap<>();
        for (String[] p : Sql.query(dataSource, InsightQueries.POSTS, ps -> ps.setLong(1, article), rs ->
                new String[] {rs.getString(1), rs.getString(2), rs.getString(3)})) {
            posts.computeIfAbsent(p[0], c -> new ArrayList<>()).add(p[2] != null ? p[2] : p[1]);
        }
        for (Object[] r : Sql.query(dataSource, InsightQueries.ARRIVALS, ps -> ps.setLong(1, article), rs ->
                new Object[] {rs.getString(1), rs.getLong(2)})) {
            arrivals.put((String) r[0], (Long) r[1]);
            posts.computeIfAbsent((String) r[0], c -> new ArrayList<>());
        }
        List<ChannelFigures> channels = new ArrayList<>();
        posts.forEach(
                (channel, list) -> channels.add(new ChannelFigures(channel, list, arrivals.getOrDefault(channel, 0L))));
        return channels;
    }

    /** The live sends that carried an article, newest first: the preview links to their figures. */
    public List<Long> sendsOf(long article) throws SQLException {
        return Sql.longs(dataSource, InsightQueries.SENDS_OF_ARTICLE, ps -> ps.setLong(1, article));
    }
}
