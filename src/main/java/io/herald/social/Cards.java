package io.herald.social;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.SQLException;
import java.time.Clock;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import io.herald.article.Article;
import io.herald.article.ArticleStore;
import io.herald.article.Photo;
import io.herald.common.Refusal;
import io.herald.config.HeraldConfig;
import io.herald.social.card.CardChoices;
import io.herald.social.card.CardFormat;
import io.herald.social.card.CardRenderer;
import io.herald.social.card.CardStore;
import io.herald.social.card.CardsConfig;
import io.herald.social.card.PhotoFetcher;
import io.herald.templating.EditorTemplates;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * An article's image cards: the layout in templates/cards/&lt;format&gt;.svg filled with the headline, the quote or
 * key figure the teasers chose, the photo and the publication's name, drawn once and kept. A card is made again
 * only when what went into it changed: its fingerprint is a hash of the SVG the layout gives (with the photo's
 * address, before the photo is fetched), so an edited layout, headline, photo choice or publication name shows on
 * the next request, and an unchanged card is served from the table.
 */
@ApplicationScoped
public class Cards {

    /** A card as served and posted; {@code etag} is its fingerprint. */
    public record Card(
            long articleId, CardFormat format, String etag, byte[] png, byte[] jpeg, List<String> problems) {}

    private final io.herald.language.Languages languages;
    private final ArticleStore articles;
    private final TeaserFacts facts;
    private final EditorTemplates templates;
    private final CardRenderer renderer;
    private final PhotoFetcher photos;
    private final CardStore store;
    private final CardChoices choices;
    private final CardsConfig config;
    private final HeraldConfig herald;
    private final Clock clock;
    private final io.micrometer.core.instrument.MeterRegistry metrics;
    private final ConcurrentHashMap<String, Object> rendering = new ConcurrentHashMap<>();

    Cards(
            ArticleStore articles,
            TeaserFacts facts,
            EditorTemplates templates,
            CardRenderer renderer,
            PhotoFetcher photos,
            CardStore store,
            CardChoices choices,
            CardsConfig config,
            HeraldConfig herald,
            Clock clock,
            io.micrometer.core.instrument.MeterRegistry metrics,
            io.herald.language.Languages languages) {
        this.languages = languages;
        this.metrics = metrics;
        this.articles = articles;
        this.facts = facts;
        this.templates = templates;
        this.renderer = renderer;
        this.photos = photos;
        this.store = store;
        this.choices = choices;
        this.config = config;
        this.herald = herald;
        this.clock = clock;
    }

    public boolean enabled() {
        return config.enabled();
    }

    /** The card, from the table when its fingerprint still matches, else drawn now and kept. */
    public Card card(long articleId, CardFormat format) throws SQLException {
        Article article = article(articleId);
        String svg = svg(article, format, choices.find(articleId));
        String fingerprint = fingerprint(format, svg);
        Optional<CardStore.Stored> kept = store.find(articleId, format);
        if (kept.isPresent() && kept.get().fingerprint().equals(fingerprint)) {
            return card(articleId, format, kept.get());
        }
        // One drawing per card at a time on this node; a second request waits and then reads the kept one.
        String key = articleId + "/" + format.id();
        Object lock = rendering.computeIfAbsent(key, k -> new Object());
        try {
            synchronized (lock) {
                kept = store.find(articleId, format);
                if (kept.isPresent() && kept.get().fingerprint().equals(fingerprint)) {
                    return card(articleId, format, kept.get());
                }
                long start = System.nanoTime();
                CardRenderer.Rendered drawn = renderer.render(svg, format);
                metrics.timer("herald_card_render", "format", format.id())
                        .record(System.nanoTime() - start, java.util.concurrent.TimeUnit.NANOSECONDS);
                CardStore.Stored stored =
                        new CardStore.Stored(fingerprint, drawn.png(), drawn.jpeg(), drawn.problems(), clock.instant());
                store.save(articleId, format, stored);
                return card(articleId, format, stored);
            }
        } finally {
            // Only this lock: a request that waited must not drop the lock of one that came later and is drawing.
            rendering.remove(key, lock);
        }
    }

    /** A card's fingerprint (its ETag) and what could not be drawn as asked. */
    public record Status(String etag, List<String> problems) {}

    /**
     * Every format's status for pages that show the cards by address: drawn now where the kept card is missing or
     * stale, otherwise answered from the table without reading the images.
     */
    public java.util.Map<CardFormat, Status> statuses(long articleId) throws SQLException {
        Article article = article(articleId);
        CardChoices.Choice choice = choices.find(articleId);
        java.util.Map<CardFormat, Status> statuses = new java.util.EnumMap<>(CardFormat.class);
        for (CardFormat format : CardFormat.values()) {
            String fingerprint = fingerprint(format, svg(article, format, choice));
            Optional<CardStore.Summary> kept = store.summary(articleId, format);
            if (kept.isPresent() && kept.get().fingerprint().equals(fingerprint)) {
                statuses.put(format, new Status(fingerprint, kept.get().problems()));
            } else {
                Card card = card(articleId, format);
                statuses.put(format, new Status(card.etag(), card.problems()));
            }
        }
        return statuses;
    }

    /** The card's current fingerprint (its ETag) without drawing or reading it. */
    public String etag(long articleId, CardFormat format) throws SQLException {
        return fingerprint(format, svg(article(articleId), format, choices.find(articleId)));
    }

    /** A card drawn from a layout and article as given, kept nowhere (the preview of an unsaved choice, the bench). */
    public CardRenderer.Rendered draw(Article article, CardFormat format, CardChoices.Choice choice) {
        return renderer.render(svg(article, format, choice), format);
    }

    /** Where platforms and pages fetch the card: the public URL, versioned by its fingerprint. */
    public String publicUrl(long articleId, CardFormat format, String extension) throws SQLException {
        return publicUrl(articleId, format, extension, etag(articleId, format));
    }

    /** The public URL of a card whose fingerprint is known. */
    public String publicUrl(long articleId, CardFormat format, String extension, String etag) {
        String base = herald.publicUrl().endsWith("/")
                ? herald.publicUrl().substring(0, herald.publicUrl().length() - 1)
                : herald.publicUrl();
        return base + "/cards/" + articleId + "/" + format.id() + "." + extension + "?v=" + etag.substring(0, 12);
    }

    /** Why a photo address would not be used (checked by the rules of fetching, before anything is fetched). */
    public Optional<String> photoRefusal(String url) {
        return photos.refusal(url);
    }

    public CardChoices.Choice choice(long articleId) throws SQLException {
        return choices.find(articleId);
    }

    public void choose(long articleId, CardChoices.Choice choice, String by) throws SQLException {
        article(articleId);
        choices.save(articleId, choice, by, clock.instant());
    }

    /** The card's description for people who cannot see it: the headline, then the quote or figure. */
    public String altText(long articleId) throws SQLException {
        Article article = article(articleId);
        CardView view = view(article, CardFormat.LANDSCAPE, CardChoices.Choice.NONE);
        return view.highlight().isEmpty() ? view.headline() : view.headline() + ". " + view.highlight();
    }

    String svg(Article article, CardFormat format, CardChoices.Choice choice) {
        return templates
                .get(format.template())
                .data("card", view(article, format, choice))
                .setLocale(article.language())
                .render();
    }

    private CardView view(Article article, CardFormat format, CardChoices.Choice choice) {
        TeaserFacts.Facts f = facts.of(article);
        String highlight = !f.quote().isEmpty() ? f.quote() : f.figure();
        String kind = !f.quote().isEmpty() ? "quote" : f.figure().isEmpty() ? "" : "figure";
        String photo = "";
        String credit = "";
        if (!choice.noPhoto()) {
            if (choice.photoUrl() != null && !choice.photoUrl().isBlank()) {
                photo = choice.photoUrl();
            } else {
                Optional<Photo> image = article.image();
                photo = image.map(Photo::url).orElse("");
                credit = image.map(Photo::credit)
                        .filter(c -> c != null && !c.isBlank())
                        .map(c -> languages.words(article.language()).get("photoBy", c))
                        .orElse("");
            }
        }
        return new CardView(
                article.title(),
                highlight,
                kind,
                herald.publication().name(),
                photo,
                credit,
                format.width(),
                format.height());
    }

    private Article article(long articleId) throws SQLException {
        return articles.find(articleId).orElseThrow(() -> Refusal.notFound("article", "no article " + articleId));
    }

    private static Card card(long articleId, CardFormat format, CardStore.Stored stored) {
        return new Card(articleId, format, stored.fingerprint(), stored.png(), stored.jpeg(), stored.problems());
    }

    static String fingerprint(CardFormat format, String svg) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(format.id().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(sha.digest(svg.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
