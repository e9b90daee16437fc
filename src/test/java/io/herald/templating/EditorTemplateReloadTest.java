package io.herald.templating;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;

/** An editor's change to a file in templates/ shows on the next render, without a rebuild or restart. */
@QuarkusTest
@TestProfile(EditorTemplateReloadTest.OwnTemplatesFolder.class)
class EditorTemplateReloadTest {

    static final Path DIR = Path.of("target", "reload-test-templates");

    /** A copy of templates/ this test may edit, checked on every render. */
    public static class OwnTemplatesFolder implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            try {
                Files.createDirectories(DIR.resolve("email"));
                Files.writeString(DIR.resolve("email/digest-subject.txt"), "Before {email.lead.title}");
            } catch (java.io.IOException e) {
                throw new IllegalStateException(e);
            }
            return Map.of("herald.templates.dir", DIR.toString(), "herald.templates.check-interval", "0s");
        }
    }

    @Inject
    EditorTemplates templates;

    @Test
    void anEditShowsOnTheNextRender() throws Exception {
        Path subject = DIR.resolve("email/digest-subject.txt");
        assertThat(templates.get("email/digest-subject.txt").data("email", EditorTemplatesRenderTest.digest()).render())
                .startsWith("Before Kazakhstan");

        Files.writeString(subject, "After: {email.lead.title}");
        Files.setLastModifiedTime(subject, FileTime.from(Instant.now().plusSeconds(5)));
        assertThat(templates.get("email/digest-subject.txt").data("email", EditorTemplatesRenderTest.digest()).render())
                .startsWith("After: Kazakhstan");

        // A file that is not in the editors' folder still comes from the build.
        assertThat(templates.get("email/digest.txt").data("email", EditorTemplatesRenderTest.digest()).render())
                .contains("Dear Ada,");
    }
}
