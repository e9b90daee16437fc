package io.herald.insight;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;

import io.herald.common.RepeatingTask;
import io.herald.storage.Jdbc;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Counts clicks and opens in memory and writes the counts every herald.insight.flush-interval, so the redirect never
 * waits for the database and a node killed with SIGKILL loses at most one interval of counts.
 *
 * <p>No reader is in these counts. A client is known only as a hash of the request's address and User-Agent under a
 * salt that lives in memory and changes every day (UTC), so the hash cannot be traced back, even by Herald, and is never
 * written anywhere: it serves to count a person once per link ("unique") and to see a scanner's burst. A restart
 * draws a new salt: a person who clicks again after one counts as unique twice.
 *
 * <p>People apart from machines: a request {@link MachineRule} calls a machine's counts as machine; and a client
 * that opens herald.insight.burst-links different links of one edition within herald.insight.burst-window is a
 * scanner: its clicks on that edition that day, the earlier ones included, move to the machine counts.
 */
@ApplicationScoped
public class ClickCounts {

    /**
     * One redirect or open image served. {@code n} is 0 for the open image; {@code reader} is -1 without one;
     * {@code variant} the subject test's variant the link was sent with (0: none).
     */
    public record Hit(
            long editionId,
            int n,
            String address,
            String userAgent,
            String method,
            String purpose,
            long reader,
            int variant) {}

    /**
     * Clients remembered at most (each a few hundred bytes). Past it the memory of who clicked what today starts
     * over, so a flood of made-up clients cannot exhaust the heap; a person may then count as unique twice.
     */
    static final int MAX_CLIENTS = 200_000;

    /** n of the per-edition row that counts clients over all links (unique clickers, for the click-through rate). */
    static final int ANY_LINK = -1;

    private final DataSource dataSource;
    private final InsightConfig config;
    private final Clock clock;
    private final MachineRule rule;
    private final Counter humanClicks;
    private final Counter machineClicks;
    private final Counter opens;
    private final SecureRandom random = new SecureRandom();
    private RepeatingTask flusher;

    // Everything below is guarded by this.
    private volatile Salt salt = new Salt(LocalDate.MIN, new byte[0]);
    private final Map<String, Client> clients = new HashMap<>();
    private Map<Bucket, long[]> deltas = new HashMap<>();
    private List<ReaderClicks.Click> readerHits = new ArrayList<>();
    private Map<Arrival, long[]> arrivals = new HashMap<>();
    private Instant lastExpiry = Instant.EPOCH;

    /** Today's salt of the client hashes; replaced, and every client forgotten, when the day (UTC) changes. */
    private record Salt(LocalDate day, byte[] bytes) {}

    private final ThreadLocal<MessageDigest> sha = ThreadLocal.withInitial(ClickCounts::sha256);

    /** A counts row: edition, link, hour and subject variant. */
    private record Bucket(long edition, int n, long hour, int variant) {}

    private record Arrival(long article, String channel, LocalDate day) {}

    /** One client's clicks on one edition today. */
    private static final class Client {
        boolean machine;
        /** The subject variant of the first link this client opened: its email's, which it keeps. */
        int variant = -1;
        /** Per link: {human clicks, machine clicks}. */
        final Map<Integer, int[]> links = new HashMap<>();
        /** Per link, when this client last opened it (epoch ms): a burst is several links within the window. */
        final Map<Integer, Long> lastOpened = new HashMap<>();
    }

    ClickCounts(DataSource dataSource, InsightConfig config, Clock clock, MeterRegistry registry) {
        this.dataSource = dataSource;
        this.config = config;
        this.clock = clock;
        this.rule = new MachineRule(config.machineAgents());
        this.humanClicks = Counter.builder("herald.clicks")
                .tag("kind", "human")
                .description("Link redirects served, by how each was classified when it arrived")
                .register(registry);
        this.machineClicks = Counter.builder("herald.clicks")
                .tag("kind", "machine")
                .description("Link redirects served, by how each was classified when it arrived")
                .register(registry);
        this.opens = Counter.builder("herald.opens")
                .description("Open images served (mail privacy features load them without a reader)")
                .register(registry);
    }

    void start(@Observes StartupEvent event) {
        Duration every = Duration.ofMillis(Math.max(50, config.flushInterval().toMillis()));
        flusher = RepeatingTask.start("herald-click-flush", every, this::flush, ClickCounts::notWritten);
    }

    void stop(@Observes ShutdownEvent event) {
        if (flusher != null) {
            flusher.stop(Duration.ofSeconds(5));
        }
        flushQuietly();
    }

    /** Counts one hit, as a person's or a machine's. */
    public void count(Hit hit) {
        Instant now = clock.instant();
        String machineReason = rule.machine(hit.method(), hit.userAgent(), hit.purpose());
        if (hit.n() == 0) {
            opens.increment();
        } else if (machineReason != null) {
            machineClicks.increment();
        }
        // The hash is worked out before taking the lock: the lock guards only the counting.
        String key = clientKey(salt(now), hit.address(), hit.userAgent()) + "/" + hit.editionId();
        synchronized (this) {
            if (clients.size() >= MAX_CLIENTS && !clients.containsKey(key)) {
                Log.warnf("Click counting: %d clients today; starting their memory over", clients.size());
                clients.clear();
            }
            Client client = clients.computeIfAbsent(key, k -> new Client());
            if (client.variant < 0 && hit.n() != 0) {
                client.variant = hit.variant();
            }
            long hour = now.truncatedTo(ChronoUnit.HOURS).getEpochSecond();
            if (hit.n() == 0) {
                countOpen(client, hit.editionId(), hour, machineReason != null);
                return;
            }
            if (machineReason != null && !client.machine) {
                becomeMachine(client, hit.editionId(), hour);
            }
            if (!client.machine && burst(client, hit.n(), now)) {
                becomeMachine(client, hit.editionId(), hour);
            }
            if (machineReason == null) {
                (client.machine ? machineClicks : humanClicks).increment();
            }
            add(client, hit.editionId(), hit.n(), hour, client.machine);
            if (hit.reader() >= 0) {
                readerHits.add(new ReaderClicks.Click(hit.editionId(), hit.n(), hit.reader(), client.machine, now));
            }
        }
    }

    /** A visit to the public article page that came from a teaser (utm_source names the channel). */
    public void arrival(long articleId, String channel) {
        LocalDate day = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
        synchronized (this) {
            arrivals.computeIfAbsent(new Arrival(articleId, channel, day), a -> new long[1])[0]++;
        }
    }

    private void countOpen(Client client, long edition, long hour, boolean machine) {
        int[] seen = client.links.computeIfAbsent(0, x -> new int[2]);
        long[] d = deltas.computeIfAbsent(new Bucket(edition, 0, hour, 0), b -> new long[4]);
        int klass = machine ? 1 : 0;
        d[klass * 2]++;
        if (seen[klass]++ == 0) {
            d[klass * 2 + 1]++;
        }
    }

    /** Records a click on link n; the first of this client on that link (and on the edition) is a unique one. */
    private void add(Client client, long edition, int n, long hour, boolean machine) {
        boolean anyBefore = anyClicks(client, machine);
        int[] seen = client.links.computeIfAbsent(n, x -> new int[2]);
        int klass = machine ? 1 : 0;
        long[] d = deltas.computeIfAbsent(new Bucket(edition, n, hour, client.variant), b -> new long[4]);
        d[klass * 2]++;
        if (seen[klass]++ == 0) {
            d[klass * 2 + 1]++;
        }
        if (!anyBefore) {
            deltas.computeIfAbsent(new Bucket(edition, ANY_LINK, hour, client.variant), b -> new long[4])[
                    klass * 2 + 1]++;
        }
    }

    private static boolean anyClicks(Client client, boolean machine) {
        int klass = machine ? 1 : 0;
        for (Map.Entry<Integer, int[]> e : client.links.entrySet()) {
            if (e.getKey() > 0 && e.getValue()[klass] > 0) {
                return true;
            }
        }
        return false;
    }

    /** The client turned out to be a machine: its clicks on the edition so far move to the machine counts. */
    private void becomeMachine(Client client, long edition, long hour) {
        boolean humanAny = anyClicks(client, false);
        boolean machineAny = anyClicks(client, true);
        for (Map.Entry<Integer, int[]> e : client.links.entrySet()) {
            int n = e.getKey();
            int[] seen = e.getValue();
            if (n <= 0 || seen[0] == 0) {
                continue;
            }
            long[] d = deltas.computeIfAbsent(new Bucket(edition, n, hour, client.variant), b -> new long[4]);
            d[0] -= seen[0];
            d[1] -= 1;
            d[2] += seen[0];
            if (seen[1] == 0) {
                d[3] += 1;
            }
            seen[1] += seen[0];
            seen[0] = 0;
        }
        long[] any = deltas.computeIfAbsent(new Bucket(edition, ANY_LINK, hour, client.variant), b -> new long[4]);
        if (humanAny) {
            any[1] -= 1;
            if (!machineAny) {
                any[3] += 1;
            }
        }
        client.machine = true;
    }

    /**
     * Whether this click makes burst-links different links within burst-window. Kept per link, not per click: a
     * client's cost stays the number of links of the edition however often it clicks.
     */
    private boolean burst(Client client, int n, Instant now) {
        long t = now.toEpochMilli();
        long since = t - config.burstWindow().toMillis();
        client.lastOpened.put(n, t);
        int within = 0;
        for (long opened : client.lastOpened.values()) {
            if (opened >= since) {
                within++;
            }
        }
        return within >= config.burstLinks();
    }

    /** Today's salt: a new one, and no client remembered, from midnight UTC on. */
    private Salt salt(Instant now) {
        LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
        Salt current = salt;
        if (today.equals(current.day())) {
            return current;
        }
        synchronized (this) {
            if (!today.equals(salt.day())) {
                byte[] bytes = new byte[16];
                random.nextBytes(bytes);
                salt = new Salt(today, bytes);
                clients.clear();
            }
            return salt;
        }
    }

    /** Hash of address and User-Agent under the day's salt: it tells clients apart and names nobody. */
    private String clientKey(Salt today, String address, String userAgent) {
        MessageDigest digest = sha.get();
        digest.update(today.bytes());
        digest.update((address + "\n" + (userAgent == null ? "" : userAgent)).getBytes(StandardCharsets.UTF_8));
        return java.util.HexFormat.of().formatHex(digest.digest(), 0, 12);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private void flushQuietly() {
        try {
            flush();
        } catch (SQLException | RuntimeException e) {
            notWritten(e);
        }
    }

    private static void notWritten(Exception e) {
        Log.warnf("Click counts not written yet (kept in memory, tried again): %s", e.getMessage());
    }

    /** Writes the counts gathered since the last flush; on failure they are kept for the next one. */
    public void flush() throws SQLException {
        Map<Bucket, long[]> d;
        List<ReaderClicks.Click> readers;
        Map<Arrival, long[]> a;
        synchronized (this) {
            if (deltas.isEmpty() && readerHits.isEmpty() && arrivals.isEmpty() && !expiryDue()) {
                return;
            }
            d = deltas;
            readers = readerHits;
            a = arrivals;
            deltas = new HashMap<>();
            readerHits = new ArrayList<>();
            arrivals = new HashMap<>();
        }
        try {
            write(d, readers, a);
        } catch (SQLException | RuntimeException e) {
            synchronized (this) {
                d.forEach((k, v) -> {
                    long[] mine = deltas.computeIfAbsent(k, x -> new long[4]);
                    for (int i = 0; i < 4; i++) {
                        mine[i] += v[i];
                    }
                });
                readerHits.addAll(0, readers);
                a.forEach((k, v) -> arrivals.computeIfAbsent(k, x -> new long[1])[0] += v[0]);
            }
            throw e;
        }
    }

    private boolean expiryDue() {
        return clock.instant().isAfter(lastExpiry.plus(1, ChronoUnit.HOURS));
    }

    private void write(Map<Bucket, long[]> d, List<ReaderClicks.Click> readers, Map<Arrival, long[]> a)
            throws SQLException {
        Instant now = clock.instant();
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                for (Map.Entry<Bucket, long[]> e : d.entrySet()) {
                    upsert(c, e.getKey(), e.getValue());
                }
                ReaderClicks.insert(c, readers);
                for (Map.Entry<Arrival, long[]> e : a.entrySet()) {
                    arrivals(c, e.getKey(), e.getValue()[0]);
                }
                if (expiryDue()) {
                    try (PreparedStatement ps = c.prepareStatement(InsightQueries.EXPIRE_READER_CLICKS)) {
                        ps.setObject(1, Jdbc.ts(now.minus(config.readerClickRetention())));
                        ps.executeUpdate();
                    }
                    lastExpiry = now;
                }
                c.commit();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        }
    }

    private static void upsert(Connection c, Bucket b, long[] v) throws SQLException {
        if (bind(c, InsightQueries.ADD_CLICKS, b, v) == 0) {
            bind(c, InsightQueries.INSERT_CLICKS, b, v);
        }
    }

    private static int bind(Connection c, String sql, Bucket b, long[] v) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < 4; i++) {
                ps.setLong(i + 1, v[i]);
            }
            ps.setLong(5, b.edition());
            ps.setInt(6, b.n());
            ps.setObject(7, Jdbc.ts(Instant.ofEpochSecond(b.hour())));
            ps.setInt(8, b.variant());
            return ps.executeUpdate();
        }
    }

    private static void arrivals(Connection c, Arrival a, long count) throws SQLException {
        for (String sql : List.of(InsightQueries.ADD_ARRIVALS, InsightQueries.INSERT_ARRIVALS)) {
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                ps.setLong(1, count);
                ps.setLong(2, a.article());
                ps.setString(3, a.channel());
                ps.setObject(4, a.day());
                if (ps.executeUpdate() > 0) {
                    return;
                }
            }
        }
    }
}
