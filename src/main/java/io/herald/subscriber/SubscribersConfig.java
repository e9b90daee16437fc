package io.herald.subscriber;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Where subscriber lists live. */
@ConfigMapping(prefix = "herald.subscribers")
public interface SubscribersConfig {
    /** Folder with one sub-folder per list (list.yaml + members.csv). */
    @WithDefault("subscribers")
    String dir();

    /** How often the folder is checked for edited list files (size and modification time; cheap). */
    @WithDefault("30s")
    Duration checkInterval();

    /**
     * Database connections a members file or an API import is written on once it passes its first thousand rows
     * (which keep the file's order on one): the database inserts the next chunks side by side. One writes everything
     * on a single connection.
     */
    @WithDefault("2")
    int importConnections();
}
