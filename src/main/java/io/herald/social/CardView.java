package io.herald.social;

/**
 * What a templates/cards/&lt;format&gt;.svg layout sees. Text fields are whole (Herald fits them into the layout's
 * boxes afterwards); a field is empty when the article has none.
 *
 * @param headline the article's title
 * @param highlight the quote the teasers chose (“...” – speaker), else the key figure sentence
 * @param highlightKind "quote", "figure" or "" (for a layout that styles them apart)
 * @param publication the publication's name
 * @param photo the photo's address (fetched and embedded by Herald), or empty for a card without one
 * @param credit the photo's credit ("Photo: Akorda"), or empty
 * @param width the card's width in pixels
 * @param height the card's height in pixels
 */
public record CardView(
        String headline,
        String highlight,
        String highlightKind,
        String publication,
        String photo,
        String credit,
        int width,
        int height) {

    public boolean hasPhoto() {
        return !photo.isEmpty();
    }
}
