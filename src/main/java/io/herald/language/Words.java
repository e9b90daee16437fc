package io.herald.language;

import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import com.ibm.icu.text.MessageFormat;
import com.ibm.icu.util.ULocale;
import io.quarkus.logging.Log;

/**
 * The fixed words of one language: each key's text from templates/messages/&lt;language&gt;.properties, with ICU
 * MessageFormat for arguments and CLDR plural rules ("{0, plural, one {# story} other {# stories}}"). A key the
 * language lacks takes the English text and is remembered ({@link #missing()}), so a test can name it; a key no
 * bundle has prints nothing rather than the key.
 */
public final class Words {

    private final String language;
    private final ULocale locale;
    private final Map<String, String> own;
    private final Map<String, String> english;
    private final Map<String, MessageFormat> formats = new ConcurrentHashMap<>();
    private final Set<String> missing = ConcurrentHashMap.newKeySet();

    Words(String language, Map<String, String> own, Map<String, String> english) {
        this.language = language;
        this.locale = new ULocale(language);
        this.own = Map.copyOf(own);
        this.english = Map.copyOf(english);
    }

    /** The BCP 47 tag ("ru"). */
    public String language() {
        return language;
    }

    public Locale locale() {
        return locale.toLocale();
    }

    /** The text of {@code key} with {@code args} put in ({0}, {1}, ...), plurals by the language's rules. */
    public String get(String key, Object... args) {
        MessageFormat format = formats.computeIfAbsent(key, this::format);
        return format == null ? "" : format.format(args == null ? new Object[0] : args);
    }

    /** Whether this language has its own text for {@code key} (not the English fallback). */
    public boolean has(String key) {
        return own.containsKey(key);
    }

    /** Keys asked for that this language lacks, since it was loaded. */
    public Set<String> missing() {
        return Set.copyOf(missing);
    }

    private MessageFormat format(String key) {
        String text = own.get(key);
        ULocale formatLocale = locale;
        if (text == null) {
            text = english.get(key);
            formatLocale = ULocale.ENGLISH;
            missing.add(key);
            if (text == null) {
                Log.errorf("No text for %s in any language: the template asks for a word no bundle has", key);
                return null;
            }
            Log.warnf("No %s text for %s: English is used (templates/messages/%s.properties)", language, key, language);
        }
        return new MessageFormat(text, formatLocale);
    }
}
