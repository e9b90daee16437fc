package io.herald.subscriber;

/** One row of a members.csv: a lower-cased address and an optional name. */
public record Member(String email, String name) {}
