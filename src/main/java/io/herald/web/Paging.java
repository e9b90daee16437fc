package io.herald.web;

import java.util.List;
import java.util.function.Function;

import io.herald.common.Refusal;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

/**
 * Paging for every list the API returns: {@code limit} (default 100, at most 500) and a cursor, {@code before} an
 * id for lists newest first (articles, outbox) or {@code after} one for lists oldest first (feeds, lists). The body
 * stays a JSON array; {@code X-Total-Count} says how many there are in all and {@code Link: <...>; rel="next"} where
 * the next page is, as long as there is one.
 */
final class Paging {

    static final int DEFAULT_LIMIT = 100;
    static final int MAX_LIMIT = 500;

    private Paging() {}

    /** The page size asked for, checked. */
    static int limit(Integer limit) {
        if (limit == null) {
            return DEFAULT_LIMIT;
        }
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new Refusal(Refusal.Kind.INVALID, "limit", "must be between 1 and " + MAX_LIMIT + ", not " + limit);
        }
        return limit;
    }

    /**
     * The answer for one page: {@code fetched} holds up to limit + 1 items (one more than the page, to know whether
     * another page follows); {@code cursor} names the query parameter of the next page and {@code key} the value
     * the last item of this page gives it.
     */
    static <T> Response page(
            List<T> fetched, int limit, long total, UriInfo uri, String cursor, Function<T, Object> key) {
        List<T> page = fetched.size() > limit ? fetched.subList(0, limit) : fetched;
        Response.ResponseBuilder answer = Response.ok(page).header("X-Total-Count", total);
        if (fetched.size() > limit) {
            java.net.URI next = uri.getRequestUriBuilder()
                    .replaceQueryParam("before")
                    .replaceQueryParam("after")
                    .replaceQueryParam("limit", limit)
                    .replaceQueryParam(cursor, key.apply(page.get(page.size() - 1)))
                    .build();
            answer.header("Link", "<" + next.getRawPath() + "?" + next.getRawQuery() + ">; rel=\"next\"");
        }
        return answer.build();
    }

    /** One page of a list held whole in memory (lists and feeds: as many as the newsroom has folders). */
    static <T, K extends Comparable<K>> Response inMemory(
            List<T> all, int limit, K after, UriInfo uri, Function<T, K> key) {
        List<T> rest = after == null
                ? all
                : all.stream().filter(t -> key.apply(t).compareTo(after) > 0).toList();
        return page(
                rest.size() > limit + 1 ? rest.subList(0, limit + 1) : rest,
                limit,
                all.size(),
                uri,
                "after",
                key::apply);
    }
}
