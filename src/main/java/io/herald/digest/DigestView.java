package io.herald.digest;

import java.util.List;

import io.herald.article.Article;

/**
 * Everything an email template sees for one subscriber. Built by {@link DigestRenderer}; templates only loop and
 * branch over it.
 */
public record DigestView(
        String publication,
        String listName,
        String listId,
        List<ArticleView> articles,
        String recipientName,
        String recipientEmail,
        String unsubscribeUrl,
        Footer footer) {

    public ArticleView lead() {
        return articles.get(0);
    }

    public List<ArticleView> more() {
        return articles.subList(1, articles.size());
    }

    /** "Dear Ada," when the name is known, otherwise a plain greeting. */
    public String greeting() {
        return recipientName == null || recipientName.isBlank() ? "Hello," : "Dear " + recipientName + ",";
    }

    /** One article as the email shows it. */
    public record ArticleView(Article article, String url) {
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
    }

    /** The call-to-action footer: its sentence, a link per channel it names, and the website signup. */
    public record Footer(String text, List<ChannelLink> channels, String signupUrl) {
        public boolean hasChannels() {
            return !channels.isEmpty();
        }
    }

    /** A channel named in the call-to-action, linked to the publication's account there. */
    public record ChannelLink(String id, String name, String url) {
    }
}
