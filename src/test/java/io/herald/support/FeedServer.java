package io.herald.support;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A real HTTP server on loopback that serves feed fixtures the way web servers do: an ETag and Last-Modified on
 * every 200, 304 to a matching If-None-Match, and on request the faults feeds have (status codes, an HTML page, a
 * server that stalls, redirects).
 */
public class FeedServer implements AutoCloseable {

    /** One request as received: path and the conditional headers it carried. */
    public record Seen(String path, String ifNoneMatch, String ifModifiedSince) {}

    private record Route(int status, byte[] body, String contentType, long stallMillis, String location) {}

    private final HttpServer server;
    private final Map<String, Route> routes = new ConcurrentHashMap<>();
    private final List<Seen> seen = new ArrayList<>();

    public FeedServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
        server.createContext("/", this::handle);
        server.start();
    }

    public String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    public FeedServer serve(String path, String body, String contentType) {
        routes.put(path, new Route(200, body.getBytes(StandardCharsets.UTF_8), contentType, 0, null));
        return this;
    }

    public FeedServer serveBytes(String path, byte[] body, String contentType) {
        routes.put(path, new Route(200, body, contentType, 0, null));
        return this;
    }

    public FeedServer status(String path, int status) {
        routes.put(
                path,
                new Route(status, ("<h1>" + status + "</h1>").getBytes(StandardCharsets.UTF_8), "text/html", 0, null));
        return this;
    }

    public FeedServer stall(String path, long millis) {
        routes.put(
                path, new Route(200, "<rss/>".getBytes(StandardCharsets.UTF_8), "application/rss+xml", millis, null));
        return this;
    }

    public FeedServer redirect(String path, String location) {
        routes.put(path, new Route(302, new byte[0], "text/plain", 0, location));
        return this;
    }

    public synchronized List<Seen> seen(String path) {
        return seen.stream().filter(s -> s.path().equals(path)).toList();
    }

    private void handle(HttpExchange ex) throws IOException {
        try (ex) {
            String path = ex.getRequestURI().getPath();
            String inm = ex.getRequestHeaders().getFirst("If-None-Match");
            synchronized (this) {
                seen.add(new Seen(path, inm, ex.getRequestHeaders().getFirst("If-Modified-Since")));
            }
            Route route = routes.get(path);
            if (route == null) {
                ex.sendResponseHeaders(404, -1);
                return;
            }
            if (route.stallMillis() > 0) {
                try {
                    Thread.sleep(route.stallMillis());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            if (route.location() != null) {
                ex.getResponseHeaders().add("Location", route.location());
                ex.sendResponseHeaders(route.status(), -1);
                return;
            }
            String etag = "\"" + HexFormat.of().formatHex(sha(route.body())).substring(0, 16) + "\"";
            if (route.status() == 200) {
                ex.getResponseHeaders().add("ETag", etag);
                ex.getResponseHeaders().add("Last-Modified", "Wed, 20 May 2026 05:00:00 GMT");
                if (etag.equals(inm)) {
                    ex.sendResponseHeaders(304, -1);
                    return;
                }
            }
            ex.getResponseHeaders().add("Content-Type", route.contentType());
            ex.sendResponseHeaders(route.status(), route.body().length == 0 ? -1 : route.body().length);
            ex.getResponseBody().write(route.body());
        } catch (IOException e) {
            // the client gave up (a timeout test): nothing to answer
        }
    }

    private static byte[] sha(byte[] body) {
        try {
            return java.security.MessageDigest.getInstance("SHA-256").digest(body);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
