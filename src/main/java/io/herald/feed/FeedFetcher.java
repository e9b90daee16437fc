package io.herald.feed;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * Fetches a feed: conditional GET (If-None-Match, If-Modified-Since), at most herald.feeds.max-redirects redirects
 * each checked by {@link FeedUrlGuard}, a connect timeout and a deadline for the whole answer, and a cap on the body
 * (the rest is never downloaded).
 */
@ApplicationScoped
public class FeedFetcher {

    /** 304: nothing new. */
    public record NotModified() implements Result {}

    /** 200: the body and the validators for the next poll. */
    public record Fetched(byte[] body, String contentType, String etag, String lastModified, URI finalUrl)
            implements Result {}

    public sealed interface Result permits NotModified, Fetched {}

    private final HttpClient client;
    private final FeedUrlGuard guard;
    private final FeedsConfig config;

    FeedFetcher(FeedsConfig feedsConfig, FeedUrlGuard guard) {
        this.config = feedsConfig;
        this.guard = guard;
        this.client = HttpClient.newBuilder()
                .connectTimeout(this.config.connectTimeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                .version(HttpClient.Version.HTTP_1_1)
                .build();
    }

    public Result fetch(String url, String etag, String lastModified) throws FeedFailure {
        URI uri = parse(url);
        long deadline = System.nanoTime() + config.readTimeout().toNanos();
        for (int hop = 0; hop <= config.maxRedirects(); hop++) {
            guard.check(uri);
            HttpRequest.Builder request = HttpRequest.newBuilder(uri)
                    .timeout(config.readTimeout())
                    .GET()
                    .header("User-Agent", "Herald feed reader (+https://github.com/herald)")
                    .header(
                            "Accept",
                            "application/rss+xml, application/atom+xml, application/rdf+xml;q=0.9, "
                                    + "application/xml;q=0.9, text/xml;q=0.8, */*;q=0.1");
            if (etag != null) {
                request.header("If-None-Match", etag);
            }
            if (lastModified != null) {
                request.header("If-Modified-Since", lastModified);
            }
            HttpResponse<InputStream> response = send(request.build(), deadline);
            int status = response.statusCode();
            if (status >= 300 && status < 400 && status != 304) {
                close(response);
                String location = response.headers()
                        .firstValue("Location")
                        .orElseThrow(() -> new FeedFailure("HTTP " + status + " without a Location header"));
                uri = uri.resolve(location.strip());
                continue;
            }
            if (status == 304) {
                close(response);
                return new NotModified();
            }
            if (status != 200) {
                close(response);
                throw new FeedFailure(
                        "HTTP " + status + (status == 404 ? " (not found)" : status >= 500 ? " (server error)" : ""));
            }
            byte[] body = read(response, deadline);
            return new Fetched(
                    body,
                    response.headers().firstValue("Content-Type").orElse(null),
                    response.headers().firstValue("ETag").orElse(null),
                    response.headers().firstValue("Last-Modified").orElse(null),
                    uri);
        }
        throw new FeedFailure("more than " + config.maxRedirects() + " redirects");
    }

    private static URI parse(String url) throws FeedFailure {
        try {
            return URI.create(url.strip());
        } catch (IllegalArgumentException e) {
            throw new FeedFailure("not a URL: " + e.getMessage());
        }
    }

    private HttpResponse<InputStream> send(HttpRequest request, long deadline) throws FeedFailure {
        try {
            return client.sendAsync(request, HttpResponse.BodyHandlers.ofInputStream())
                    .get(remaining(deadline), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            throw new FeedFailure("no answer within " + human(config.readTimeout()));
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof java.net.http.HttpConnectTimeoutException) {
                throw new FeedFailure("could not connect within " + human(config.connectTimeout()));
            }
            if (cause instanceof java.net.http.HttpTimeoutException) {
                throw new FeedFailure("no answer within " + human(config.readTimeout()));
            }
            throw new FeedFailure("could not fetch: " + cause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new FeedFailure("interrupted");
        }
    }

    private byte[] read(HttpResponse<InputStream> response, long deadline) throws FeedFailure {
        InputStream in = response.body();
        int max = config.maxBytes();
        CompletableFuture<byte[]> body = CompletableFuture.supplyAsync(() -> {
            try {
                byte[] bytes = in.readNBytes(max + 1);
                return bytes;
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        try {
            byte[] bytes = body.get(remaining(deadline), TimeUnit.NANOSECONDS);
            if (bytes.length > max) {
                throw new FeedFailure("the feed is larger than " + max + " bytes (herald.feeds.max-bytes)");
            }
            return bytes;
        } catch (TimeoutException e) {
            throw new FeedFailure(
                    "the server stopped sending: no complete answer within " + human(config.readTimeout()));
        } catch (ExecutionException e) {
            throw new FeedFailure(
                    "the connection broke while reading: " + e.getCause().getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new FeedFailure("interrupted");
        } finally {
            close(response);
        }
    }

    private static long remaining(long deadline) {
        return Math.max(1, deadline - System.nanoTime());
    }

    private static void close(HttpResponse<InputStream> response) {
        try {
            response.body().close();
        } catch (IOException ignored) {
            // closing a half-read stream aborts it, which is the point
        }
    }

    private static String human(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
    }
}
