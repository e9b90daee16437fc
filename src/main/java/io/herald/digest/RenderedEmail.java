package io.herald.digest;

/** One subscriber's email, rendered: subject, HTML part and text part. */
public record RenderedEmail(String subject, String html, String text) {}
