package io.herald.language;

import java.util.Locale;

import io.quarkus.arc.Arc;
import io.quarkus.qute.TemplateExtension;
import io.quarkus.qute.TemplateInstance;

/**
 * {msg:key} and {msg:key(arg, ...)} in any template: the key's text in the language the template instance was given
 * ({@code instance.setLocale(...)}, the attribute Qute's own message bundles use), else the default language.
 * {msg:lang} is that language's tag, for {@code <html lang>}.
 */
@TemplateExtension(namespace = "msg")
public final class MessageExtensions {

    private MessageExtensions() {}

    @TemplateExtension(namespace = "msg", matchName = TemplateExtension.ANY)
    static String message(
            String key, @TemplateExtension.TemplateAttribute(TemplateInstance.LOCALE) Object locale, Object... args) {
        Words words = words(locale);
        return "lang".equals(key) ? words.language() : words.get(key, args);
    }

    private static Words words(Object locale) {
        Languages languages = Arc.container().instance(Languages.class).get();
        String tag = locale instanceof Locale l ? l.toLanguageTag() : locale == null ? null : locale.toString();
        return languages.words(tag);
    }
}
