package io.herald.web;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;

import com.ibm.icu.text.DateFormat;
import com.ibm.icu.util.TimeZone;
import com.ibm.icu.util.ULocale;
import io.herald.article.Article;
import io.herald.language.Languages;
import io.herald.subscriber.MailingList;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The language of a page readers see: the list's for a page about one list (unsubscribe, confirmation), the
 * article's for its public copy, else what the page was asked in ({@code ?lang=}, which Herald's own links and forms
 * carry on), else the browser's Accept-Language among the languages Herald has, else herald.languages.default.
 * Staff pages stay in English.
 */
@ApplicationScoped
class ReaderLanguage {

    private final Languages languages;

    ReaderLanguage(Languages languages) {
        this.languages = languages;
    }

    /** For a visitor: {@code asked} (?lang= or a form's lang) when Herald has it, else the browser's choice. */
    String of(String asked, String acceptLanguage) {
        return languages.known(asked).orElseGet(() -> languages.forBrowser(acceptLanguage));
    }

    String of(MailingList list) {
        return languages.words(list.language()).language();
    }

    /** The first list's language (a reader who chose several reads one of them), else the visitor's. */
    String of(List<MailingList> lists, String asked, String acceptLanguage) {
        return lists.isEmpty() ? of(asked, acceptLanguage) : of(lists.get(0));
    }

    String of(Article article) {
        return languages.words(article.language()).language();
    }

    /** The words of a language, for text a page's Java side writes (a notice after saving). */
    io.herald.language.Words words(String language) {
        return languages.words(language);
    }

    /** A day as readers of {@code language} write it ("30 November 2026", "30 ноября 2026 г."), in {@code zone}. */
    static String date(Instant at, ZoneId zone, String language) {
        DateFormat format = DateFormat.getDateInstance(DateFormat.LONG, new ULocale(language));
        format.setTimeZone(TimeZone.getTimeZone(zone.getId()));
        return format.format(java.util.Date.from(at));
    }
}
