package io.herald.subscriber;

import java.time.ZoneId;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The time zones a reader may have: the IANA names the JDK knows (Asia/Almaty, Europe/Istanbul, UTC), as browsers
 * report them ({@code Intl.DateTimeFormat().resolvedOptions().timeZone}) and spreadsheets hold them. Fixed offsets
 * such as "+05:00" are refused: they do not follow a country's summer time, so a reader's hour would drift.
 */
public final class TimeZones {

    private static final Map<String, String> BY_LOWER_CASE = new TreeMap<>();

    static {
        for (String id : ZoneId.getAvailableZoneIds()) {
            if (id.contains("/") || id.equals("UTC")) {
                BY_LOWER_CASE.put(id.toLowerCase(Locale.ROOT), id);
            }
        }
    }

    private TimeZones() {}

    /** The zone's name as the JDK spells it, when it is one; blank and unknown names are empty. */
    public static Optional<String> known(String name) {
        if (name == null || name.isBlank()) {
            return Optional.empty();
        }
        return Optional.ofNullable(BY_LOWER_CASE.get(name.strip().toLowerCase(Locale.ROOT)));
    }

    /** The reader's zone, or the list's when the reader has none (or one this JDK no longer knows). */
    public static ZoneId of(String readerZone, ZoneId listZone) {
        return known(readerZone).map(ZoneId::of).orElse(listZone);
    }
}
