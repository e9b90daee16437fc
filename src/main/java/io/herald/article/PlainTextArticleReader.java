package io.herald.article;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.herald.common.Refusal;

/**
 * Reads an article in the newsroom's plain-text shape: the title on the first line, then paragraphs separated by
 * blank lines; a line with "Photo credit:" (or a short one ending "Фото: ...", "Сурет: ...", "Fotoğraf: ...") is a
 * caption, and a closing invitation paragraph is the call-to-action.
 */
public final class PlainTextArticleReader {

    private static final Pattern CREDIT = Pattern.compile("(?iu)^(.*?)\\s*Photo\\s+credit\\s*:\\s*(.*)$");
    /**
     * A caption in Russian, Kazakh or Turkish: a short block ending with "Фото: ...", "Сурет: ..." or "Fotoğraf: ..."
     * after the caption's own sentence (or alone).
     */
    private static final Pattern CREDIT_OTHER = Pattern.compile(
            "(?iu)^(?:(.{0,240}?[.!?»”])\\s+)?(?:Фото|Фотосурет|Сурет|Fotoğraf|Foto)\\s*:\\s*(.{1,120})$");

    private static final Pattern PARAGRAPH_BREAK = Pattern.compile("\\n\\s*\\n");
    /** Generous: real headlines pass 300 characters; this protects storage, not style. */
    static final int MAX_TITLE = 1000;

    private final CallToActionParser ctaParser = new CallToActionParser();

    /** The whole text: title line first. */
    public Article read(String text) {
        String normalised = normalise(text);
        int newline = normalised.indexOf('\n');
        String title = (newline < 0 ? normalised : normalised.substring(0, newline)).strip();
        String body = newline < 0 ? "" : normalised.substring(newline + 1);
        return read(title, body, null);
    }

    /** A title given apart from the body, as in the JSON form of POST /api/articles. */
    public Article read(String title, String body, String url) {
        return assemble(title, paragraphs(body == null ? "" : normalise(body)), List.of(), url);
    }

    /**
     * Builds the article from text blocks however they were found (plain text, HTML, Markdown): blocks with
     * "Photo credit:" become captions, the closing invitation (in the last block, or split over the last two) is the
     * call-to-action, the first block's dateline is read.
     */
    Article assemble(String title, List<String> blocks, List<Photo> foundPhotos, String url) {
        String cleanTitle = title == null ? "" : normalise(title).strip().replaceAll("\\s+", " ");
        if (cleanTitle.isEmpty()) {
            throw Refusal.invalid("title", "the article has no title (the first line is empty)");
        }
        if (cleanTitle.length() > MAX_TITLE) {
            throw Refusal.invalid("title", "the title is longer than " + MAX_TITLE + " characters");
        }
        List<String> paragraphs = new ArrayList<>();
        List<Photo> photos = new ArrayList<>(foundPhotos);
        for (String raw : blocks) {
            // Blocks from HTML and Markdown get the same cleaning as plain text: no control characters, NFC.
            String block = normalise(raw).replaceAll("\\s+", " ").strip();
            if (block.isEmpty()) {
                continue;
            }
            Matcher credit = CREDIT.matcher(block);
            Matcher other = CREDIT_OTHER.matcher(block);
            if (credit.matches()) {
                photos.add(new Photo(credit.group(1).strip(), credit.group(2).strip()));
            } else if (other.matches()) {
                photos.add(new Photo(
                        other.group(1) == null ? "" : other.group(1).strip(),
                        other.group(2).strip()));
            } else {
                paragraphs.add(block);
            }
        }
        CallToAction cta = null;
        int n = paragraphs.size();
        if (n > 0 && ctaParser.isCallToAction(paragraphs.get(n - 1))) {
            cta = ctaParser.parse(paragraphs.remove(n - 1));
        } else if (n > 2
                && ctaParser.isCallToAction(paragraphs.get(n - 2) + " " + paragraphs.get(n - 1))
                && paragraphs.get(n - 2).length() + paragraphs.get(n - 1).length() < 400) {
            // "Get our stories by email!" / "Sign up via the website or follow us on ..." as two paragraphs
            String last = paragraphs.remove(n - 1);
            cta = ctaParser.parse(paragraphs.remove(n - 2) + " " + last);
        }
        if (paragraphs.isEmpty()) {
            throw Refusal.invalid("body", "the article has no body text");
        }
        String dateline = Datelines.find(paragraphs.get(0)).orElse(null);
        String cleanUrl = url == null || url.isBlank() ? null : url.strip();
        return new Article(
                null, cleanTitle, dateline, paragraphs, photos, cta, cleanUrl, hash(cleanTitle, paragraphs), null);
    }

    private static List<String> paragraphs(String body) {
        List<String> result = new ArrayList<>();
        for (String block : PARAGRAPH_BREAK.split(body)) {
            // Lines inside one paragraph are joined: hard wraps are not meaning.
            String joined = block.strip().replaceAll("[ \\t]*\\n[ \\t]*", " ").replaceAll("[ \\t]+", " ");
            if (!joined.isEmpty()) {
                result.add(joined);
            }
        }
        return result;
    }

    /** See {@link TextNormaliser}. */
    static String normalise(String text) {
        return TextNormaliser.normalise(text);
    }

    static String hash(String title, List<String> paragraphs) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(title.getBytes(StandardCharsets.UTF_8));
            for (String p : paragraphs) {
                sha.update((byte) '\n');
                sha.update(p.getBytes(StandardCharsets.UTF_8));
            }
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
