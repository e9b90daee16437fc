package io.herald.article;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import io.herald.common.Refusal;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PlainTextArticleReaderTest {

    private final PlainTextArticleReader reader = new PlainTextArticleReader();

    static String seed() throws IOException {
        try (InputStream in = PlainTextArticleReaderTest.class
                .getClassLoader()
                .getResourceAsStream("fixtures/articles/astana-times-tokayev-kurtulmus.txt")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void readsTheSeedArticle() throws IOException {
        Article article = reader.read(seed());

        assertThat(article.title()).isEqualTo("Kazakhstan, Türkiye Seek to Enhance Strategic Partnership");
        assertThat(article.dateline()).isEqualTo("ASTANA");
        assertThat(article.lead()).startsWith("ASTANA – President of Kazakhstan Kassym-Jomart Tokayev");
        assertThat(article.leadWithoutDateline()).startsWith("President of Kazakhstan");
        assertThat(article.photos()).containsExactly(new Photo("Numan Kurtulmuş and Kassym-Jomart Tokayev.", "Akorda"));
        assertThat(article.paragraphs())
                .hasSize(7)
                .noneMatch(p -> p.contains("Photo credit"))
                .noneMatch(p -> p.contains("Sign up via the website"));
        assertThat(article.paragraphs().get(2))
                .startsWith("“Today’s meeting is taking place")
                .endsWith("10 major investors,” he said.");
        assertThat(article.paragraphs().get(1)).contains("Kurtulmuş’s visit");

        CallToAction cta = article.cta();
        assertThat(cta.text())
                .isEqualTo("Get The Astana Times stories sent directly to you! Sign up via the website "
                        + "or subscribe to our Twitter, Facebook, Instagram, Telegram, YouTube and Tiktok!");
        assertThat(cta.channels()).containsExactly("x", "facebook", "instagram", "telegram", "youtube", "tiktok");
        assertThat(cta.unknownChannels()).isEmpty();
        assertThat(cta.websiteSignup()).isTrue();
    }

    @Test
    void readsOtherCallToActionShapes() {
        Article a = reader.read("Title\n\nLONDON — Body text here.\n\n"
                + "Follow The Daily Planet on X, LinkedIn, Threads and WhatsApp for daily updates.");
        assertThat(a.dateline()).isEqualTo("LONDON");
        assertThat(a.cta().channels()).containsExactly("x", "linkedin", "threads", "whatsapp");
        assertThat(a.cta().websiteSignup()).isFalse();

        Article c = reader.read("Title\n\nBody.\n\nFollow us on Telegram and Mastodon.");
        assertThat(c.cta().channels()).containsExactly("telegram", "mastodon");

        Article b = reader.read("Title\n\nBody.\n\nSubscribe to our Telegram, Gab and Bluesky!");
        assertThat(b.cta().channels()).containsExactly("telegram", "bluesky");
        assertThat(b.cta().unknownChannels()).containsExactly("Gab");
    }

    @Test
    void keepsAClosingParagraphThatOnlySoundsLikeAnInvitation() {
        Article a = reader.read("Title\n\nFirst paragraph.\n\nMore talks will follow next week in Ankara.");
        assertThat(a.cta()).isNull();
        assertThat(a.paragraphs()).hasSize(2);
    }

    /** A right-to-left override makes "Invoice \u202Efdp.exe" display as "Invoice exe.pdf": taken out of titles. */
    @Test
    void bidirectionalOverridesAreTakenOutAndIsolatesKept() {
        Article a = reader.read(
                "Invoice \u202Efdp.exe and \u2067\u0627\u0644\u062e\u0628\u0631\u2069 news\n\nASTANA \u2013 Body\u202D text.");
        assertThat(a.title()).isEqualTo("Invoice fdp.exe and \u2067\u0627\u0644\u062e\u0628\u0631\u2069 news");
        assertThat(a.paragraphs()).containsExactly("ASTANA \u2013 Body text.");
    }

    @Test
    void acceptsHyphenDatelinesAndWindowsLineEnds() {
        Article a = reader.read("Title\r\n\r\nNEW YORK - The body\r\ncontinues here.\r\n");
        assertThat(a.dateline()).isEqualTo("NEW YORK");
        assertThat(a.paragraphs()).isEqualTo(List.of("NEW YORK - The body continues here."));
    }

    @Test
    void refusesAnArticleWithoutTitleOrBody() {
        assertThatThrownBy(() -> reader.read("\n\nBody without a title."))
                .isInstanceOfSatisfying(
                        Refusal.class, e -> assertThat(e.field()).isEqualTo("title"));
        assertThatThrownBy(() -> reader.read("Only a title"))
                .isInstanceOfSatisfying(
                        Refusal.class, e -> assertThat(e.field()).isEqualTo("body"));
    }

    @Test
    void sameTextTypedTwoWaysIsOneArticle() {
        String composed = "Title\n\nKurtulmu\u015f spoke.";
        String decomposed = "Title\n\nKurtulmus\u0327 spoke.";
        assertThat(reader.read(composed).contentHash())
                .isEqualTo(reader.read(decomposed).contentHash());
    }
}
