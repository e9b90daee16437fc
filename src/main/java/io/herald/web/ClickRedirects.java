package io.herald.web;

import java.util.OptionalLong;

import io.herald.insight.ClickCounts;
import io.herald.insight.ClickLinks;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * The counting redirect of email links ({@code GET|HEAD /r/<edition>/<n>/<sig>[/<reader>]}) and the open image
 * ({@code /o/<edition>/<sig>.gif}). Plain Vert.x routes on the event loop: the signature is checked and the click
 * counted in memory, and only a link this node has not seen yet waits for the database. Anything Herald did not sign
 * is a 404, so the redirect sends nobody anywhere an edition did not link to. Public, like the emails.
 */
@ApplicationScoped
class ClickRedirects {

    /** The smallest transparent GIF. */
    private static final byte[] PIXEL =
            java.util.Base64.getDecoder().decode("R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7");

    private final ClickLinks links;
    private final ClickCounts counts;

    ClickRedirects(ClickLinks links, ClickCounts counts) {
        this.links = links;
        this.counts = counts;
    }

    void route(@Observes Router router) {
        for (String path : new String[] {"/r/:e/:n/:sig", "/r/:e/:n/:sig/:reader"}) {
            router.route(path)
                    .method(HttpMethod.GET)
                    .method(HttpMethod.HEAD)
                    .order(-10)
                    .handler(this::redirect);
        }
        router.route("/o/:e/:file").method(HttpMethod.GET).order(-10).handler(this::open);
    }

    private void redirect(RoutingContext ctx) {
        long edition = number(ctx.pathParam("e"));
        // "7" is link 7; "7v2" is link 7 as the readers of a subject test's second subject got it.
        String link = ctx.pathParam("n");
        int v = link.indexOf('v');
        long n = number(v < 0 ? link : link.substring(0, v));
        long variant = v < 0 ? 0 : number(link.substring(v + 1));
        if (edition < 0
                || n < 1
                || n > Integer.MAX_VALUE
                || variant < 0
                || variant > 9
                || (v >= 0 && variant == 0)
                || !links.signed(edition, (int) n, (int) variant, ctx.pathParam("sig"))) {
            notFound(ctx);
            return;
        }
        String reader = ctx.pathParam("reader");
        OptionalLong readerId = reader == null ? OptionalLong.empty() : links.reader(edition, reader);
        if (reader != null && readerId.isEmpty()) {
            notFound(ctx);
            return;
        }
        String known = links.knownTarget(edition, (int) n);
        if (known != null) {
            go(ctx, edition, (int) n, (int) variant, readerId, known);
            return;
        }
        ctx.vertx()
                .executeBlocking(() -> links.target(edition, (int) n).orElse(null), false)
                .onComplete(found -> {
                    if (found.failed()) {
                        ctx.fail(found.cause());
                    } else if (found.result() == null) {
                        notFound(ctx);
                    } else {
                        go(ctx, edition, (int) n, (int) variant, readerId, found.result());
                    }
                });
    }

    private void go(RoutingContext ctx, long edition, int n, int variant, OptionalLong reader, String target) {
        counts.count(hit(ctx, edition, n, variant, reader.orElse(-1)));
        ctx.response()
                .setStatusCode(302)
                .putHeader("Location", target)
                .putHeader("Cache-Control", "no-store")
                .putHeader("Referrer-Policy", "no-referrer")
                .end();
    }

    private void open(RoutingContext ctx) {
        long edition = number(ctx.pathParam("e"));
        String file = ctx.pathParam("file");
        if (edition < 0 || !file.endsWith(".gif") || !links.signed(edition, 0, file.substring(0, file.length() - 4))) {
            notFound(ctx);
            return;
        }
        counts.count(hit(ctx, edition, 0, 0, -1));
        ctx.response()
                .putHeader("Content-Type", "image/gif")
                .putHeader("Cache-Control", "no-store")
                .end(io.vertx.core.buffer.Buffer.buffer(PIXEL));
    }

    private static ClickCounts.Hit hit(RoutingContext ctx, long edition, int n, int variant, long reader) {
        String purpose = ctx.request().getHeader("Sec-Purpose");
        if (purpose == null) {
            purpose = ctx.request().getHeader("Purpose");
        }
        return new ClickCounts.Hit(
                edition,
                n,
                ctx.request().remoteAddress() == null
                        ? ""
                        : ctx.request().remoteAddress().hostAddress(),
                ctx.request().getHeader("User-Agent"),
                ctx.request().method().name(),
                purpose,
                reader,
                variant);
    }

    private static void notFound(RoutingContext ctx) {
        ctx.response()
                .setStatusCode(404)
                .putHeader("Content-Type", "text/plain;charset=UTF-8")
                .putHeader("Cache-Control", "no-store")
                .end("No such link\n");
    }

    private static long number(String s) {
        if (s == null || s.isEmpty() || s.length() > 18) {
            return -1;
        }
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) < '0' || s.charAt(i) > '9') {
                return -1;
            }
        }
        return Long.parseLong(s);
    }
}
