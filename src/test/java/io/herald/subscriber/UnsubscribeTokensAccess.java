package io.herald.subscriber;

/** Reads the subscriber id out of a token's payload, for tests that follow a real unsubscribe link. */
public final class UnsubscribeTokensAccess {

    private UnsubscribeTokensAccess() {}

    public static long subscriberOf(String token) {
        return Long.parseLong(token.split("\\.")[1]);
    }
}
