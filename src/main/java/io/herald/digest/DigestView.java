package io.herald.digest;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import io.herald.article.Article;

/**
 * Everything an email template sees for one subscriber. Built by {@link DigestRenderer}; templates only loop and
 * branch over it. A null recipient address means the public web copy of the edition (no greeting by name, no
 * unsubscribe link).
 */
public record DigestView(
        String publication,
        String listName,
        String listId,
        List<ArticleView> articles,
        String recipientName,
        String recipientEmail,
        String unsubscribeUrl,
        String viewOnlineUrl,
        Footer footer,
        String subjectTitle,
        String openPixelUrl,
        String language) {

    public DigestView {
        language = language == null ? "en" : language;
    }

    /** The view with the 1x1 image that counts opens (null when the list does not count them). */
    public DigestView(
            String publication,
            String listName,
            String listId,
            List<ArticleView> articles,
            String recipientName,
            String recipientEmail,
            String unsubscribeUrl,
            String viewOnlineUrl,
            Footer footer,
            String openPixelUrl) {
        this(
                publication,
                listName,
                listId,
                articles,
                recipientName,
                recipientEmail,
                unsubscribeUrl,
                viewOnlineUrl,
                footer,
                articles.get(0).title(),
                openPixelUrl,
                "en");
    }

    /** The same view in another language (BCP 47): the words Herald adds come from that language's bundle. */
    public DigestView in(String newLanguage) {
        return with(subjectTitle, newLanguage);
    }

    /** The same view with the lead's headline as the subject line may carry it (shortened to fit). */
    DigestView withSubjectTitle(String title) {
        return with(title, language);
    }

    private DigestView with(String newSubjectTitle, String newLanguage) {
        return new DigestView(
                publication,
                listName,
                listId,
                articles,
                recipientName,
                recipientEmail,
                unsubscribeUrl,
                viewOnlineUrl,
                footer,
                newSubjectTitle,
                openPixelUrl,
                newLanguage);
    }

    /** More than one story: the edition opens with a contents list. */
    public boolean contents() {
        return articles.size() > 1;
    }

    /** The stories printed whole or as summaries, in order. */
    public List<ArticleView> stories() {
        return articles.stream().filter(a -> a.style() != StoryStyle.HEADLINE).toList();
    }

    /** The stories shown by their headline only, in the "More stories" list at the end. */
    public List<ArticleView> headlines() {
        return articles.stream().filter(a -> a.style() == StoryStyle.HEADLINE).toList();
    }

    public ArticleView lead() {
        return articles.get(0);
    }

    public List<ArticleView> more() {
        return articles.subList(1, articles.size());
    }

    /**
     * The hidden preview line mail clients show after the subject: the lead without its dateline, cut at a word
     * within 140 characters; a lead with no space there (Chinese or Japanese text, a long URL) is cut at a
     * character boundary, never inside a surrogate pair or a combining sequence.
     */
    public String preheader() {
        String lead = contents()
                ? articles.stream().map(ArticleView::title).collect(java.util.stream.Collectors.joining(" · "))
                : lead().article().leadWithoutDateline();
        if (lead.length() <= 140) {
            return lead;
        }
        int cut = lead.lastIndexOf(' ', 139);
        if (cut <= 0) {
            com.ibm.icu.text.BreakIterator chars = com.ibm.icu.text.BreakIterator.getCharacterInstance();
            chars.setText(lead);
            cut = chars.preceding(140);
        }
        return lead.substring(0, Math.max(cut, 1)) + "…";
    }

    public boolean forSubscriber() {
        return recipientEmail != null;
    }

    /** Every link the text part refers to, in order of first mention; each is cited as [n]. */
    public List<String> links() {
        Set<String> links = new LinkedHashSet<>();
        articles.forEach(a -> links.add(a.url()));
        footer.channels().stream().filter(c -> c.url() != null).forEach(c -> links.add(c.url()));
        if (footer.signupUrl() != null) {
            links.add(footer.signupUrl());
        }
        if (viewOnlineUrl != null) {
            links.add(viewOnlineUrl);
        }
        return new ArrayList<>(links);
    }

    /** The reference "[n]" of a link in {@link #links()}, for the text part. */
    public String ref(String url) {
        int i = links().indexOf(url);
        return i < 0 ? "" : "[" + (i + 1) + "]";
    }

    /**
     * One article as the email shows it; {@code url} carries the edition's tracking parameters, {@code style} how much
     * of it the edition carries, {@code figure} its key figure sentence(s) for a summary ("" when none).
     */
    public record ArticleView(Article article, String url, StoryStyle style, String figure) {

        public ArticleView(Article article, String url) {
            this(article, url, StoryStyle.FULL, "");
        }

        public boolean full() {
            return style == StoryStyle.FULL;
        }

        public boolean summary() {
            return style == StoryStyle.SUMMARY;
        }

        /** The lead paragraph a summary shows, dateline included as the article has it. */
        public String lead() {
            return article.lead();
        }

        public String title() {
            return article.title();
        }

        public String dateline() {
            return article.dateline();
        }

        public List<String> paragraphs() {
            return article.paragraphs();
        }

        public List<io.herald.article.Photo> photos() {
            return article.photos();
        }

        /** The image the email leads the article with (featured, else the first photo with one), or null. */
        public io.herald.article.Photo image() {
            return article.image().orElse(null);
        }
    }

    /** The call-to-action footer: its sentence, a link per channel it names, and the website signup. */
    public record Footer(String text, List<ChannelLink> channels, String signupUrl) {
        public boolean hasChannels() {
            return !channels.isEmpty();
        }
    }

    /** A channel named in the call-to-action, linked to the publication's account there. */
    public record ChannelLink(String id, String name, String url) {}
}
