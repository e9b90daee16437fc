package io.herald.web;

import io.quarkus.qute.TemplateGlobal;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * What every page a reader sees shares: the publication's name in place of Herald's (landing, signup, confirmation,
 * preferences, unsubscribe, public article and edition copies). Staff pages keep Herald's.
 */
public final class ReaderPages {

    private ReaderPages() {}

    /** herald.publication.name, as templates read it: {publicationName}. */
    @TemplateGlobal
    static String publicationName() {
        return ConfigProvider.getConfig()
                .getOptionalValue("herald.publication.name", String.class)
                .orElse("Herald Demo News");
    }
}
