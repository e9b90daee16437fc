package io.herald.templating;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Editors' templates. */
@ConfigMapping(prefix = "herald.templates")
public interface TemplatesConfig {
    /** Folder with the editors' Qute templates; files here win over the copies built into the jar. */
    @WithDefault("templates")
    String dir();

    /** How often, at most, Herald looks for edited template files. */
    @WithDefault("1s")
    Duration checkInterval();
}
