package io.herald.article;

/**
 * A photo of the article: its caption and credit ("... Photo credit: Akorda"), and for HTML and feed input the image
 * URL and its alt text. Plain-text articles have captions only; url and alt are then null.
 */
// Read back from the article table: tolerant of fields a later or earlier Herald wrote (API bodies are strict).
@com.fasterxml.jackson.annotation.JsonIgnoreProperties(ignoreUnknown = true)
public record Photo(String caption, String credit, String url, String alt) {

    public Photo(String caption, String credit) {
        this(caption, credit, null, null);
    }

    public boolean hasImage() {
        return url != null && !url.isBlank();
    }
}
