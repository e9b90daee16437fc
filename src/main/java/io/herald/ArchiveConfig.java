package io.herald;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The public archive of past editions (/archive). A list opts out in its list.yaml (archive: false). */
@ConfigMapping(prefix = "herald.archive")
public interface ArchiveConfig {
    /** Editions on one archive page, newest first (at most 100). */
    @WithDefault("20")
    int pageSize();

    /** Editions in each of a list's feeds (RSS, Atom, JSON Feed), the newest (at most 100). */
    @WithDefault("20")
    int feedSize();
}
