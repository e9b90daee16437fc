package io.herald.digest;

/**
 * Where an edition lives: its campaign name for the links' utm_campaign, and the address of its public web copy
 * ("view in browser").
 */
public record EditionContext(String campaign, String viewOnlineUrl) {}
