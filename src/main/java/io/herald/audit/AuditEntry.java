package io.herald.audit;

import java.time.Instant;

/**
 * One thing a person (or Herald itself) did: who, when, from which address, what, to what, how it ended (an HTTP
 * status: 200 done, 4xx refused) and the small details (before and after, JSON). {@code hash} is the SHA-256 of the
 * entry with {@code prevHash}, the hash of the entry before it.
 */
public record AuditEntry(
        long seq,
        Instant at,
        String actor,
        String address,
        String action,
        String target,
        int outcome,
        String detail,
        String prevHash,
        String hash) {}
