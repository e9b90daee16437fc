package io.herald.web;

import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * The last rendering of a staff page, reused while everything the page shows is equal to what it was rendered
 * from. The inputs are still read from the database on every request (another node may have posted a teaser or an
 * editor saved one), so a page is never staler than its data; only the template rendering, which is most of a
 * preview's cost under load, is skipped when nothing changed.
 *
 * <p>A page's forms carry the requester's CSRF token. The rendering keeps the token it was made with; a later
 * requester gets the page with that token replaced by their own. The token is random (the CSRF filter makes it from
 * a secure random source), so it does not occur in the page by chance.
 */
final class PageMemo {

    private record Rendered(Object inputs, String html, String token) {}

    private static final int MAX = 200;
    private final Map<String, Rendered> pages = new ConcurrentHashMap<>();

    /**
     * The page for these inputs: the memo when its inputs are equal to these, else a new rendering.
     *
     * @param slot which page (say, article 7 for list demo); one rendering is kept per slot
     * @param inputs everything the template reads, with value equality (records of records, lists, strings)
     * @param token the requester's CSRF token, as the template writes it into the forms
     */
    String page(String slot, Object inputs, String token, Supplier<String> render) {
        Objects.requireNonNull(token, "token");
        Rendered memo = pages.get(slot);
        if (memo != null && memo.inputs().equals(inputs)) {
            return memo.token().equals(token) ? memo.html() : memo.html().replace(memo.token(), token);
        }
        String html = render.get();
        if (pages.size() >= MAX) {
            pages.clear();
        }
        pages.put(slot, new Rendered(inputs, html, token));
        return html;
    }
}
