package io.herald.social.publish;

/** Where a post went: the platform's id for it and the address people open, when the platform gives one. */
public record Published(String externalId, String externalUrl) {}
