package io.herald.social.card;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import io.herald.common.PublicAddresses;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Fetches an article's photo for its cards under the rules of feed fetching (http and https only, no private or
 * loopback address unless herald.cards.photo-allowed-hosts names it, checked again at every redirect), with a
 * timeout and a size cap. JPEG and PNG are drawn; anything else is refused with its type.
 */
@ApplicationScoped
public class PhotoFetcher {

    /** A photo's bytes and type, or why it could not be had. */
    public record Photo(byte[] bytes, String type, String problem) {
        static Photo refused(String why) {
            return new Photo(null, null, why);
        }

        public boolean ok() {
            return bytes != null;
        }
    }

    private static final int MAX_REDIRECTS = 3;

    private final CardsConfig config;
    private final List<String> allowed;
    private final HttpClient client;

    PhotoFetcher(CardsConfig config) {
        this.config = config;
        this.allowed = config.photoAllowedHosts().orElse(List.of()).stream()
                .map(s -> s.strip().toLowerCase(Locale.ROOT))
                .filter(s -> !s.isEmpty())
                .toList();
        this.client = HttpClient.newBuilder()
                .connectTimeout(config.photoTimeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    /** Why a photo at this address would not be fetched (not http(s), a private address), checked without fetching. */
    public Optional<String> refusal(String url) {
        try {
            return PublicAddresses.refusal(URI.create(url.strip()), allowed);
        } catch (IllegalArgumentException e) {
            return Optional.of("not a URL");
        }
    }

    public Photo fetch(String url) {
        URI uri;
        try {
            uri = URI.create(url.strip());
        } catch (IllegalArgumentException e) {
            return Photo.refused("the photo's address is not a URL");
        }
        for (int hop = 0; hop <= MAX_REDIRECTS; hop++) {
            Optional<String> refusal = PublicAddresses.refusal(uri, allowed);
            if (refusal.isPresent()) {
                return Photo.refused(refusal.get() + " (herald.cards.photo-allowed-hosts may name it)");
            }
            HttpResponse<InputStream> response;
            try {
                response = client.send(
                        HttpRequest.newBuilder(uri)
                                .timeout(config.photoTimeout())
                                .header("User-Agent", "Herald/1.0 (cards)")
                                .header("Accept", "image/jpeg, image/png")
                                .GET()
                                .build(),
                        HttpResponse.BodyHandlers.ofInputStream());
            } catch (IOException e) {
                return Photo.refused("the photo could not be fetched: " + e.getMessage());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Photo.refused("interrupted");
            }
            int status = response.statusCode();
            if (status / 100 == 3) {
                close(response);
                Optional<String> location = response.headers().firstValue("Location");
                if (location.isEmpty()) {
                    return Photo.refused("the photo's server redirected without a Location");
                }
                uri = uri.resolve(location.get());
                continue;
            }
            if (status != 200) {
                close(response);
                return Photo.refused("the photo's server answered " + status);
            }
            String type = response.headers()
                    .firstValue("Content-Type")
                    .orElse("")
                    .split(";")[0]
                    .strip()
                    .toLowerCase(Locale.ROOT);
            if (!type.equals("image/jpeg") && !type.equals("image/png")) {
                close(response);
                return Photo.refused(
                        "the photo is " + (type.isEmpty() ? "of no stated type" : type) + "; cards draw JPEG and PNG");
            }
            try (InputStream in = response.body()) {
                byte[] bytes = in.readNBytes(config.photoMaxBytes() + 1);
                if (bytes.length > config.photoMaxBytes()) {
                    return Photo.refused(
                            "the photo is larger than herald.cards.photo-max-bytes (" + config.photoMaxBytes() + ")");
                }
                return new Photo(bytes, type, null);
            } catch (IOException e) {
                return Photo.refused("the photo could not be read: " + e.getMessage());
            }
        }
        return Photo.refused("the photo's server redirected more than " + MAX_REDIRECTS + " times");
    }

    private static void close(HttpResponse<InputStream> response) {
        try {
            response.body().close();
        } catch (IOException ignored) {
            // nothing more to read
        }
    }
}
