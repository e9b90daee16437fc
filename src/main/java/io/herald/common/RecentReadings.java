package io.herald.common;

import java.sql.SQLException;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Figures read from the database that pages, event streams and consoles ask for again and again while a send runs
 * (its rows counted by state, the unsubscribes through its links), kept for a while so that watching a send does not
 * slow it. A reading is taken again once it is older than both a floor and {@code factor} times what the last reading
 * took, or than a ceiling: a send of a million rows, whose count takes the database a good part of a second, is
 * counted every several seconds, one of a thousand rows as often as the floor allows; up to the ceiling the readings
 * take at most about {@code 1 / (factor + 1)} of one thread, and no figure shown is older than the ceiling and one
 * reading. One caller takes a reading at a time; the others meanwhile get the last one.
 */
public final class RecentReadings<K, V> {

    /** Takes a reading. */
    public interface Reading<V> {
        V read() throws SQLException;
    }

    private record Kept<V>(V value, long at, long took) {}

    private final long floorNanos;
    private final int factor;
    private final long ceilingNanos;
    private final int capacity;
    private final LongSupplier nanos;
    private final Map<K, Kept<V>> kept = new ConcurrentHashMap<>();
    private final Set<K> reading = ConcurrentHashMap.newKeySet();

    /**
     * Readings kept at least {@code floorNanos} and {@code factor} times as long as each took, at most {@code
     * ceilingNanos}.
     */
    public RecentReadings(long floorNanos, int factor, long ceilingNanos) {
        this(floorNanos, factor, ceilingNanos, 64, System::nanoTime);
    }

    /** The same, on the clock {@code nanos} (tests). */
    public RecentReadings(long floorNanos, int factor, long ceilingNanos, LongSupplier nanos) {
        this(floorNanos, factor, ceilingNanos, 64, nanos);
    }

    /**
     * The same, keeping the readings of up to {@code capacity} keys: one more drops them all (what is kept of keys
     * nobody asks about any more goes that way).
     */
    public RecentReadings(long floorNanos, int factor, long ceilingNanos, int capacity, LongSupplier nanos) {
        this.floorNanos = floorNanos;
        this.factor = factor;
        this.ceilingNanos = ceilingNanos;
        this.capacity = capacity;
        this.nanos = nanos;
    }

    /**
     * The kept reading of {@code key} while it is recent enough, or while another caller is taking the next one;
     * else a new reading, kept.
     */
    public V get(K key, Reading<V> read) throws SQLException {
        Kept<V> last = kept.get(key);
        if (last != null && (nanos.getAsLong() - last.at() < keptFor(last) || !reading.add(key))) {
            return last.value();
        }
        try {
            long start = nanos.getAsLong();
            V value = read.read();
            long end = nanos.getAsLong();
            if (kept.size() >= capacity && !kept.containsKey(key)) {
                kept.clear(); // keys asked about at once are few: this only bounds what is kept of old ones
            }
            kept.put(key, new Kept<>(value, end, end - start));
            return value;
        } finally {
            if (last != null) {
                reading.remove(key);
            }
        }
    }

    private long keptFor(Kept<V> last) {
        return Math.min(ceilingNanos, Math.max(floorNanos, factor * last.took()));
    }

    /** Drops what is kept of {@code key} (a send that has ended, whose figures are read or kept otherwise). */
    public void forget(K key) {
        kept.remove(key);
    }

    /** Drops every kept reading. */
    public void forgetAll() {
        kept.clear();
    }
}
