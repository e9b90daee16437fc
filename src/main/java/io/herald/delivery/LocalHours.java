package io.herald.delivery;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.herald.subscriber.TimeZones;

/**
 * When each reader's copy of a local-hour send is released: the next time the list's hour (08:00) comes round on the
 * reader's clock, within the 24 hours after the send starts. A reader whose hour passed less than the grace before
 * the start gets it now rather than a day late. On a day a zone skips the hour (summer time begins at 02:00 and the
 * list says 02:30) the copy goes at the first minute after the gap, as {@link ZonedDateTime} resolves it.
 */
final class LocalHours {

    private LocalHours() {}

    /**
     * Readers released at one moment: those whose zone is among {@code zones}, and those without a zone when
     * {@code withoutZone} (the list's own zone applies to them).
     */
    record Release(Instant at, List<String> zones, boolean withoutZone) {}

    /** The releases of a send to readers in these zones (null: no zone of their own), earliest first. */
    static List<Release> releases(
            LocalTime hour, ZoneId listZone, List<String> readerZones, Instant start, Duration grace) {
        Map<Instant, List<String>> named = new TreeMap<>();
        Instant listRelease = next(hour, listZone, start, grace);
        boolean anyWithout = false;
        for (String zone : readerZones) {
            if (zone == null) {
                anyWithout = true;
            } else {
                named.computeIfAbsent(next(hour, TimeZones.of(zone, listZone), start, grace), k -> new ArrayList<>())
                        .add(zone);
            }
        }
        List<Release> releases = new ArrayList<>();
        for (Map.Entry<Instant, List<String>> e : named.entrySet()) {
            boolean withList = anyWithout && e.getKey().equals(listRelease);
            releases.add(new Release(e.getKey(), e.getValue(), withList));
        }
        if (anyWithout && !named.containsKey(listRelease)) {
            releases.add(new Release(listRelease, List.of(), true));
        }
        releases.sort(Comparator.comparing(Release::at));
        return releases;
    }

    /** The next {@code hour} on the zone's clock at or after {@code start}, or {@code start} within the grace. */
    static Instant next(LocalTime hour, ZoneId zone, Instant start, Duration grace) {
        ZonedDateTime local = start.atZone(zone);
        Instant today = ZonedDateTime.of(local.toLocalDate(), hour, zone).toInstant();
        if (!today.isBefore(start)) {
            return today;
        }
        if (Duration.between(today, start).compareTo(grace) < 0) {
            return start;
        }
        return ZonedDateTime.of(local.toLocalDate().plusDays(1), hour, zone).toInstant();
    }
}
