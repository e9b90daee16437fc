package io.herald.feed;

import java.net.URI;

import com.rometools.rome.feed.synd.SyndEnclosure;
import com.rometools.rome.feed.synd.SyndEntry;
import org.jdom2.Element;

/** An item's picture: Media RSS content or thumbnail, else an image enclosure, resolved against the feed's address. */
final class FeedImages {

    private FeedImages() {}

    /** media:content (or media:thumbnail) with medium/type image, else an image enclosure: [url, alt]. */
    static String[] image(SyndEntry e, Element raw, URI feedUrl) {
        if (raw != null) {
            for (String name : new String[] {"content", "thumbnail"}) {
                for (Element media : raw.getChildren(name, FeedParser.MEDIA)) {
                    String type = media.getAttributeValue("type", "");
                    String medium = media.getAttributeValue("medium", "");
                    if (media.getAttributeValue("url") != null
                            && (name.equals("thumbnail") || medium.equals("image") || type.startsWith("image/"))) {
                        Element description = media.getChild("description", FeedParser.MEDIA);
                        return new String[] {
                            FeedParser.resolve(feedUrl, media.getAttributeValue("url")),
                            description == null ? "" : description.getTextTrim()
                        };
                    }
                }
            }
        }
        for (SyndEnclosure enclosure : e.getEnclosures()) {
            if (enclosure.getType() != null && enclosure.getType().startsWith("image/")) {
                return new String[] {FeedParser.resolve(feedUrl, enclosure.getUrl()), ""};
            }
        }
        return new String[] {null, null};
    }
}
