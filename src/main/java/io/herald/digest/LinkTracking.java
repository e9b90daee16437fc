package io.herald.digest;

import java.util.function.UnaryOperator;

/**
 * How an edition's links reach the reader: as they are, or through a counting redirect (the insight package makes
 * them). Never applied to unsubscribe and preference links, which do not pass through here.
 */
public interface LinkTracking {

    /** Links as they are, no image: previews, web copies and lists with tracking: off. */
    LinkTracking NONE = of(UnaryOperator.identity(), null);

    /** The address the email carries for this link. */
    String link(String url);

    /** The 1x1 image that counts opens, or null when the list does not count them. */
    String openPixel();

    /** Links made by {@code link}, with this open image (or null). */
    static LinkTracking of(UnaryOperator<String> link, String openPixel) {
        return new LinkTracking() {
            @Override
            public String link(String url) {
                return link.apply(url);
            }

            @Override
            public String openPixel() {
                return openPixel;
            }
        };
    }
}
