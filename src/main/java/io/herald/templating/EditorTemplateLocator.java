package io.herald.templating;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import io.quarkus.qute.TemplateLocator;
import io.quarkus.qute.Variant;
import jakarta.inject.Singleton;

/**
 * Serves templates from the editors' templates/ folder on disk, ahead of the copies built into the jar, so an
 * edited template shows without a rebuild. Ids without a suffix (as in {#include email/layout}) try .html, then .txt.
 */
@Singleton
public class EditorTemplateLocator implements TemplateLocator {

    private static final List<String> SUFFIXES = List.of("", ".html", ".txt");

    private final Path root;

    EditorTemplateLocator(TemplatesConfig templatesConfig) {
        this.root = Path.of(templatesConfig.dir()).toAbsolutePath().normalize();
    }

    @Override
    public Optional<TemplateLocation> locate(String id) {
        for (String suffix : SUFFIXES) {
            Path file = root.resolve(id + suffix).normalize();
            if (file.startsWith(root) && Files.isRegularFile(file)) {
                return Optional.of(new FileLocation(file));
            }
        }
        return Optional.empty();
    }

    @Override
    public int getPriority() {
        // Above Quarkus's classpath locator (priority 1): the editors' copy wins.
        return 10;
    }

    Path root() {
        return root;
    }

    private record FileLocation(Path file) implements TemplateLocation {

        @Override
        public Reader read() {
            try {
                return Files.newBufferedReader(file, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public Optional<Variant> getVariant() {
            String name = file.getFileName().toString();
            // HTML and SVG are escaped (an ampersand in a headline must not break a card); text is left as written.
            String type = name.endsWith(".html")
                    ? Variant.TEXT_HTML
                    : name.endsWith(".svg") ? "application/xml" : Variant.TEXT_PLAIN;
            return Optional.of(new Variant(null, type, StandardCharsets.UTF_8.name()));
        }
    }
}
