package io.herald.audit;

import java.util.Optional;

/**
 * The result of checking the trail: how many entries, whether every entry's hash is right and names the one before
 * it, the first entry where that fails, and the last hash (write it down elsewhere: it also proves that no entry was
 * cut from the end since).
 */
public record ChainCheck(long entries, boolean intact, Optional<Long> firstBroken, String reason, String headHash) {}
