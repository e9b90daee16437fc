package io.herald.language;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Languages: the one Herald speaks when nothing says otherwise. The words themselves are in templates/messages/. */
@ConfigMapping(prefix = "herald.languages")
public interface LanguagesConfig {
    /**
     * The language of a list whose list.yaml names none, of reader pages a browser asks in no language Herald has,
     * and of the words for an article in a language Herald has no words for (BCP 47: en, kk, ru, tr). An article
     * whose source says nothing and whose text Herald cannot place is read as English.
     */
    @WithDefault("en")
    String defaultLanguage();
}
