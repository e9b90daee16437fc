package io.herald.web;

/** Addresses built on herald.public-url. */
final class PlatformUrls {

    private PlatformUrls() {}

    /** The public URL without a trailing slash, so paths can be appended. */
    static String trim(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
