package io.herald.delivery;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.mail.internet.MimeMessage;

/**
 * What an editor should know about an email before it goes out: its size against Gmail's 102 KB clipping limit,
 * whether it is DKIM-signed, whether the headers bulk senders must carry are there, and SpamAssassin's score when
 * SpamAssassin is installed on this machine (local tests only; scores are kept per message content).
 */
@ApplicationScoped
public class DeliverabilityCheck {

    /** Gmail clips a message whose HTML is larger than this. */
    public static final int GMAIL_CLIP_BYTES = 102 * 1024;

    static final List<String> REQUIRED = List.of(
            "From",
            "To",
            "Subject",
            "Date",
            "Message-ID",
            "List-Id",
            "List-Unsubscribe",
            "List-Unsubscribe-Post",
            "MIME-Version");
    private static final Pattern SCORE = Pattern.compile("X-Spam-Status: \\w+, score=(-?[\\d.]+)");

    private final Map<String, Optional<Double>> scores = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Optional<Double>> eldest) {
            return size() > 64;
        }
    };

    /** The summary shown beside each previewed email. */
    public record Summary(
            int bytes,
            int limit,
            boolean underLimit,
            boolean dkimSigned,
            List<String> missingHeaders,
            Double spamScore) {
        public int percentOfLimit() {
            return bytes * 100 / limit;
        }
    }

    public Summary check(MimeMessage message) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        message.writeTo(out);
        byte[] raw = out.toByteArray();
        String headers = new String(raw, 0, Math.min(raw.length, 16_384), StandardCharsets.UTF_8);
        headers = headers.substring(0, Math.max(0, headers.indexOf("\r\n\r\n")));
        List<String> missing = new ArrayList<>();
        for (String name : REQUIRED) {
            if (!Pattern.compile("(?im)^" + Pattern.quote(name) + ":")
                    .matcher(headers)
                    .find()) {
                missing.add(name);
            }
        }
        boolean dkim = Pattern.compile("(?im)^DKIM-Signature:").matcher(headers).find();
        return new Summary(
                raw.length,
                GMAIL_CLIP_BYTES,
                raw.length < GMAIL_CLIP_BYTES,
                dkim,
                missing,
                spamScore(raw).orElse(null));
    }

    private Optional<Double> spamScore(byte[] raw) {
        // The Date header changes with every render; the score does not depend on it.
        String key = sha256(new String(raw, StandardCharsets.ISO_8859_1)
                .replaceFirst("(?m)^Date:[^\r\n]*", "")
                .getBytes(StandardCharsets.ISO_8859_1));
        synchronized (scores) {
            Optional<Double> known = scores.get(key);
            if (known != null) {
                return known;
            }
        }
        Optional<Double> score = runSpamAssassin(raw);
        synchronized (scores) {
            scores.put(key, score);
        }
        return score;
    }

    private static Optional<Double> runSpamAssassin(byte[] raw) {
        try {
            Process p = new ProcessBuilder("spamassassin", "-L", "-t")
                    .redirectErrorStream(true)
                    .start();
            try (var in = p.getOutputStream()) {
                in.write(raw);
            }
            String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return Optional.empty();
            }
            Matcher m = SCORE.matcher(output);
            return m.find() ? Optional.of(Double.parseDouble(m.group(1))) : Optional.empty();
        } catch (java.io.IOException notInstalled) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        } catch (RuntimeException e) {
            Log.debugf(e, "SpamAssassin gave no score");
            return Optional.empty();
        }
    }

    private static String sha256(byte[] raw) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(raw));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
