package io.herald.templating;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import io.quarkus.logging.Log;
import io.quarkus.qute.Engine;
import io.quarkus.qute.Template;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The editors' templates by id ("email/digest.html", "social/x.txt"). Qute caches parsed templates; this class
 * looks at the files' modification times at most once per herald.templates.check-interval and evicts the editors'
 * templates from the cache when any file changed, so an edit shows on the next render.
 */
@ApplicationScoped
public class EditorTemplates {

    private final Engine engine;
    private final EditorTemplateLocator locator;
    private final TemplatesConfig templatesConfig;
    private final Clock clock;
    private Map<Path, FileTime> seen = Map.of();
    private volatile Instant nextCheck = Instant.MIN;
    private volatile int generation;

    EditorTemplates(Engine engine, EditorTemplateLocator locator, TemplatesConfig templatesConfig, Clock clock) {
        this.engine = engine;
        this.locator = locator;
        this.templatesConfig = templatesConfig;
        this.clock = clock;
    }

    /** The template with this id; fails with a message naming the id when no such template exists. */
    public Template get(String id) {
        refreshIfChanged();
        Template template = engine.getTemplate(id);
        if (template == null) {
            throw new IllegalStateException("No template " + id + " in " + locator.root() + " or in the build");
        }
        return template;
    }

    /** Goes up each time the editors' templates change: caches of rendered output key on it. */
    public int generation() {
        refreshIfChanged();
        return generation;
    }

    void refreshIfChanged() {
        // Fast path without the lock: every render asks, and a send renders per message.
        if (clock.instant().isBefore(nextCheck)) {
            return;
        }
        rescan();
    }

    private synchronized void rescan() {
        Instant now = clock.instant();
        if (now.isBefore(nextCheck)) {
            return;
        }
        nextCheck = now.plus(templatesConfig.checkInterval());
        Map<Path, FileTime> current = scan(locator.root());
        if (!current.equals(seen)) {
            if (!seen.isEmpty()) {
                Log.infof("Templates changed in %s: reloading", locator.root());
            }
            java.util.Set<String> folders = Stream.concat(seen.keySet().stream(), current.keySet().stream())
                    .map(p -> locator.root().relativize(p).getName(0).toString())
                    .collect(Collectors.toSet());
            seen = current;
            generation++;
            // Only the editors' templates: Herald's own pages stay cached.
            engine.removeTemplates(id -> folders.contains(id.split("/", 2)[0]));
        }
    }

    private static Map<Path, FileTime> scan(Path root) {
        if (!Files.isDirectory(root)) {
            return Map.of();
        }
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(Files::isRegularFile).collect(Collectors.toMap(p -> p, EditorTemplates::modified));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static FileTime modified(Path p) {
        try {
            return Files.getLastModifiedTime(p);
        } catch (IOException e) {
            return FileTime.fromMillis(0);
        }
    }
}
