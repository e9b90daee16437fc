package io.herald.digest;

/**
 * How an edition's links reach the reader: as they are, or through a counting redirect (the insight package makes
 * them). Never applied to unsubscribe and preference links, which do not pass through here.
 */
public interface LinkTracking {

    /** Links as they are, no image: previews, web copies and lists with tracking: off. */
    LinkTracking NONE = new LinkTracking() {
        @Override
        public String link(String url) {
            return url;
        }

        @Override
        public String openPixel() {
            return null;
        }
    };

    /** The address the email carries for this link. */
    String link(String url);

    /** The 1x1 image that counts opens, or null when the list does not count them. */
    String openPixel();
}
