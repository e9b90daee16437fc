package io.herald.language;

import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.ibm.icu.text.MessageFormat;
import com.ibm.icu.text.PluralRules;
import com.ibm.icu.util.ULocale;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each language's file in templates/messages/ against the English one: the same keys (a missing translation would
 * show English in a reader's inbox), the same arguments, ICU MessageFormat that formats, and every plural with the
 * categories the language's CLDR rules use (Russian needs one, few and many).
 */
class LanguagesTest {

    private static final Pattern ARGUMENT = Pattern.compile("\\{(\\d+)");

    @ParameterizedTest
    @ValueSource(strings = {"kk", "ru", "tr"})
    void everyKeyIsTranslatedWithTheSameArguments(String language) {
        Map<String, String> english = EnglishWords.bundle("en");
        Map<String, String> own = EnglishWords.bundle(language);
        assertThat(own.keySet()).as("keys of %s.properties", language).isEqualTo(english.keySet());
        for (Map.Entry<String, String> e : own.entrySet()) {
            assertThat(arguments(e.getValue()))
                    .as("arguments of %s in %s", e.getKey(), language)
                    .isEqualTo(arguments(english.get(e.getKey())));
            // A message of marks and arguments only (“{0}” – {1}) may be the same in two languages; words may not.
            if (english.get(e.getKey())
                    .replaceAll("\\{\\d+\\}", "")
                    .codePoints()
                    .anyMatch(Character::isLetter)) {
                assertThat(e.getValue())
                        .as("%s in %s is still English", e.getKey(), language)
                        .isNotEqualTo(english.get(e.getKey()));
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"en", "kk", "ru", "tr"})
    void everyMessageFormatsAndEveryPluralHasTheLanguagesCategories(String language) {
        ULocale locale = new ULocale(language);
        Set<String> categories = PluralRules.forLocale(locale).getKeywords();
        for (Map.Entry<String, String> e : EnglishWords.bundle(language).entrySet()) {
            MessageFormat format = new MessageFormat(e.getValue(), locale);
            for (long n : new long[] {0, 1, 2, 3, 5, 11, 21, 22, 25, 101}) {
                String out = format.format(new Object[] {n, "B", "C"});
                assertThat(out).as("%s in %s with %d", e.getKey(), language, n).doesNotContain("{");
            }
            if (e.getValue().contains("plural,")) {
                for (String category : categories) {
                    assertThat(e.getValue())
                            .as("%s in %s: the plural lacks %s", e.getKey(), language, category)
                            .containsPattern("(^|[\\s,])" + category + "\\s*\\{");
                }
            }
        }
    }

    private static Set<String> arguments(String message) {
        Set<String> found = new TreeSet<>();
        Matcher m = ARGUMENT.matcher(message);
        while (m.find()) {
            found.add(m.group(1));
        }
        return found;
    }
}
