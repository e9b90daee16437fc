package io.herald.support;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Whole-text expected files under src/test/resources/fixtures/expected: what a reader or a follower receives,
 * compared character for character. After an intended change, rewrite them with
 * {@code mvn -B test -Dtest=<the test> -Dexpected.rewrite=true} and read the diff before committing it.
 */
public final class ExpectedFiles {

    public static final Path ROOT = Path.of("src/test/resources/fixtures/expected");
    private static final boolean WRITE = Boolean.getBoolean("expected.rewrite");

    private ExpectedFiles() {}

    /** Fails unless {@code actual} is exactly the file's text (or writes it, with -Dexpected.rewrite=true). */
    public static void assertMatches(String relative, String actual) throws IOException {
        Path file = ROOT.resolve(relative);
        if (WRITE) {
            Files.createDirectories(file.getParent());
            Files.writeString(file, actual, StandardCharsets.UTF_8);
            return;
        }
        assertThat(file)
                .as("expected file %s is missing: run the test with -Dexpected.rewrite=true", file)
                .exists();
        assertThat(actual)
                .as("%s (rewrite with -Dexpected.rewrite=true after an intended change)", file)
                .isEqualTo(Files.readString(file, StandardCharsets.UTF_8));
    }
}
