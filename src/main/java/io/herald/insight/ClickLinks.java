package io.herald.insight;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import javax.sql.DataSource;

import io.herald.article.ArticleLinks;
import io.herald.digest.LinkTracking;
import io.herald.storage.AppSecrets;
import io.herald.storage.Sql;
import io.herald.subscriber.MailingList;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Herald's short, signed click links: {@code /r/<edition>/<n>/<sig>}, where n numbers the edition's links in the
 * order it first names them (kept in edition_link) and sig is an HMAC of edition and number under a secret of
 * Herald's (a subject test's links read {@code <n>v<variant>}, signed with the variant). Only a link some email of
 * that edition carried redirects; anything else is a 404 decided without the
 * database. On lists that track individually, a consenting reader's links end in {@code /<subscriber>-<sig>}, signed
 * for that edition. Opens are counted by {@code /o/<edition>/<sig>.gif}.
 */
@ApplicationScoped
public class ClickLinks {

    private static final String SECRET = "click-link";
    private static final int KEPT_EDITIONS = 256;
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

    private final DataSource dataSource;
    private final AppSecrets secrets;
    private final ArticleLinks links;
    private final ThreadLocal<Mac> macs = ThreadLocal.withInitial(this::newMac);
    private volatile byte[] key;
    /** Per edition: link number to address, and address to number; filled from edition_link. */
    private final Map<Long, Map<Integer, String>> targets = new ConcurrentHashMap<>();

    private final Map<Long, Map<String, Integer>> numbers = new ConcurrentHashMap<>();

    ClickLinks(DataSource dataSource, AppSecrets secrets, ArticleLinks links) {
        this.dataSource = dataSource;
        this.secrets = secrets;
        this.links = links;
    }

    /**
     * How an edition's links go out to one reader of a list: plain under tracking: off, through the counting
     * redirect otherwise, with the reader's part only when {@code reader} is a consenting reader's id (else -1). For
     * the readers of one subject of a subject test the link's number carries the variant
     * ({@code /r/<edition>/<n>v<variant>/<sig>}, signed with it), so each subject's clicks are counted apart. Variant
     * 0 is no test.
     */
    public LinkTracking tracking(long editionId, MailingList list, long reader, int variant) {
        return trackingWithPart(
                editionId,
                list,
                reader >= 0 && list.tracking() == MailingList.Tracking.INDIVIDUAL
                        ? readerPart(editionId, reader)
                        : null,
                variant);
    }

    /**
     * The reader's part of their links in an edition, {@code <subscriber>-<sig>}: what a list that tracks
     * individually appends to a consenting reader's links.
     */
    public String readerPart(long editionId, long reader) {
        return reader + "-" + sign("r." + editionId + "." + reader);
    }

    /**
     * As {@link #tracking(long, MailingList, long, int)} with the reader's part given as it is (null: none), for a
     * list that tracks individually: a prepared edition renders its links with a stand-in part, replaced per reader
     * by {@link #readerPart}.
     */
    public LinkTracking trackingWithPart(long editionId, MailingList list, String readerPart, int variant) {
        String pixel = list.opens() ? openPixel(editionId) : null;
        if (list.tracking() == MailingList.Tracking.OFF) {
            return pixel == null ? LinkTracking.NONE : LinkTracking.of(url -> url, pixel);
        }
        String suffix =
                readerPart != null && list.tracking() == MailingList.Tracking.INDIVIDUAL ? "/" + readerPart : "";
        return LinkTracking.of(
                url -> {
                    String n = number(editionId, url) + (variant > 0 ? "v" + variant : "");
                    return links.publicUrl("/r/" + editionId + "/" + n + "/" + sign(editionId + "." + n) + suffix);
                },
                pixel);
    }

    private String openPixel(long editionId) {
        return links.publicUrl("/o/" + editionId + "/" + sign(editionId + ".0") + ".gif");
    }

    /** Whether {@code sig} is Herald's signature of link n of the edition (n = 0: its open image). */
    public boolean signed(long editionId, int n, String sig) {
        return signed(editionId, n, 0, sig);
    }

    /** Whether {@code sig} is Herald's signature of link n of the edition as the readers of a variant got it. */
    public boolean signed(long editionId, int n, int variant, String sig) {
        return sig != null
                && MessageDigest.isEqual(
                        sign(editionId + "." + n + (variant > 0 ? "v" + variant : ""))
                                .getBytes(StandardCharsets.US_ASCII),
                        sig.getBytes(StandardCharsets.US_ASCII));
    }

    /** The reader a reader part ("subscriber-sig") names for this edition, if Herald signed it. */
    public OptionalLong reader(long editionId, String part) {
        int dash = part == null ? -1 : part.indexOf('-');
        if (dash < 1 || dash > 18) {
            return OptionalLong.empty();
        }
        long id;
        try {
            id = Long.parseLong(part.substring(0, dash));
        } catch (NumberFormatException e) {
            return OptionalLong.empty();
        }
        boolean ok = MessageDigest.isEqual(
                sign("r." + editionId + "." + id).getBytes(StandardCharsets.US_ASCII),
                part.substring(dash + 1).getBytes(StandardCharsets.US_ASCII));
        return ok ? OptionalLong.of(id) : OptionalLong.empty();
    }

    /** Where link n of the edition goes if this node already knows it (null otherwise): no database. */
    public String knownTarget(long editionId, int n) {
        Map<Integer, String> known = targets.get(editionId);
        return known == null ? null : known.get(n);
    }

    /** Where link n of the edition goes, from memory when this node has seen it (the database otherwise). */
    public Optional<String> target(long editionId, int n) throws SQLException {
        Map<Integer, String> known = targets.get(editionId);
        String url = known == null ? null : known.get(n);
        if (url != null) {
            return Optional.of(url);
        }
        Optional<String> stored = Sql.first(
                dataSource,
                InsightQueries.LINK,
                ps -> {
                    ps.setLong(1, editionId);
                    ps.setInt(2, n);
                },
                rs -> rs.getString(1));
        stored.ifPresent(u -> remember(editionId, n, u));
        return stored;
    }

    /** The number of a link in its edition: the one it was given, or the next one, recorded now. */
    int number(long editionId, String url) {
        Map<String, Integer> known = numbers.get(editionId);
        Integer n = known == null ? null : known.get(url);
        if (n != null) {
            return n;
        }
        synchronized (this) {
            try {
                for (int attempt = 0; ; attempt++) {
                    load(editionId);
                    n = numbers.get(editionId).get(url);
                    if (n != null) {
                        return n;
                    }
                    try (Connection c = dataSource.getConnection();
                            PreparedStatement ps = c.prepareStatement(InsightQueries.INSERT_LINK)) {
                        ps.setLong(1, editionId);
                        ps.setString(2, url);
                        ps.setLong(3, editionId);
                        ps.executeUpdate();
                    } catch (SQLException raced) {
                        // Another node numbered a link of this edition at the same moment: read theirs and retry.
                        if (attempt >= 3) {
                            throw raced;
                        }
                    }
                }
            } catch (SQLException e) {
                throw new IllegalStateException("Cannot record the links of edition " + editionId, e);
            }
        }
    }

    private void load(long editionId) throws SQLException {
        if (numbers.size() > KEPT_EDITIONS) {
            numbers.clear();
            targets.clear();
        }
        numbers.computeIfAbsent(editionId, e -> new ConcurrentHashMap<>());
        for (Object[] row : Sql.query(dataSource, InsightQueries.LINKS, ps -> ps.setLong(1, editionId), rs ->
                new Object[] {rs.getInt(1), rs.getString(2)})) {
            remember(editionId, (Integer) row[0], (String) row[1]);
        }
    }

    private void remember(long editionId, int n, String url) {
        targets.computeIfAbsent(editionId, e -> new ConcurrentHashMap<>()).put(n, url);
        numbers.computeIfAbsent(editionId, e -> new ConcurrentHashMap<>()).put(url, n);
    }

    /** 8 bytes of HMAC-SHA256, base64url: 11 characters. */
    private String sign(String payload) {
        byte[] mac = macs.get().doFinal(payload.getBytes(StandardCharsets.UTF_8));
        return B64.encodeToString(java.util.Arrays.copyOf(mac, 8));
    }

    private Mac newMac() {
        try {
            byte[] k = key;
            if (k == null) {
                k = secrets.get(SECRET);
                key = k;
            }
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(k, "HmacSHA256"));
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
