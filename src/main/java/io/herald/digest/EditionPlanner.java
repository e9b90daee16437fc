package io.herald.digest;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import io.herald.article.Article;
import io.herald.subscriber.MailingList.DigestStyle;

/**
 * Chooses each story's style for a list's digest style so that the edition's HTML part stays under the budget:
 * {@code auto} keeps stories whole while the edition fits, then gives the rest summaries, then, if even summaries do
 * not fit, headlines to the last ones; {@code summary} starts from summaries; {@code full} never shortens. Sizes are
 * measured by rendering (a binary search over how many stories keep the richer style: a few renders per edition).
 */
final class EditionPlanner {

    private EditionPlanner() {}

    /** {@code render} gives the inlined HTML for a list of styles, one per article. */
    static EditionPlan plan(
            List<Article> articles, DigestStyle style, int budget, Function<List<StoryStyle>, String> render) {
        int n = articles.size();
        Function<List<StoryStyle>, Integer> size =
                styles -> render.apply(styles).getBytes(StandardCharsets.UTF_8).length;
        if (style == DigestStyle.FULL || (style == DigestStyle.AUTO && n == 1)) {
            List<StoryStyle> full = Collections.nCopies(n, StoryStyle.FULL);
            String why = style == DigestStyle.FULL
                    ? "whole: the list's digest-style is full"
                    : "whole: an edition of one story is sent whole";
            return plan(articles, full, Map.of(StoryStyle.FULL, why), size.apply(full), budget);
        }
        if (style == DigestStyle.AUTO) {
            List<StoryStyle> full = Collections.nCopies(n, StoryStyle.FULL);
            int whole = size.apply(full);
            if (whole <= budget) {
                return plan(
                        articles, full, Map.of(StoryStyle.FULL, "whole: the edition fits the budget"), whole, budget);
            }
            int k = largest(n - 1, i -> size.apply(mix(n, i, StoryStyle.FULL, StoryStyle.SUMMARY)) <= budget);
            if (k > 0) {
                List<StoryStyle> styles = mix(n, k, StoryStyle.FULL, StoryStyle.SUMMARY);
                return plan(
                        articles,
                        styles,
                        Map.of(
                                StoryStyle.FULL,
                                "whole: fits the budget",
                                StoryStyle.SUMMARY,
                                "summary: whole, the edition would be " + kb(whole) + " against " + kb(budget)),
                        size.apply(styles),
                        budget);
            }
        }
        List<StoryStyle> summaries = Collections.nCopies(n, StoryStyle.SUMMARY);
        int asSummaries = size.apply(summaries);
        String summaryWhy = style == DigestStyle.SUMMARY
                ? "summary: the list's digest-style is summary"
                : "summary: whole stories do not fit the budget";
        if (asSummaries <= budget) {
            return plan(articles, summaries, Map.of(StoryStyle.SUMMARY, summaryWhy), asSummaries, budget);
        }
        int m = largest(n - 1, i -> size.apply(mix(n, i, StoryStyle.SUMMARY, StoryStyle.HEADLINE)) <= budget);
        List<StoryStyle> styles = mix(n, Math.max(m, 0), StoryStyle.SUMMARY, StoryStyle.HEADLINE);
        return plan(
                articles,
                styles,
                Map.of(
                        StoryStyle.SUMMARY,
                        summaryWhy,
                        StoryStyle.HEADLINE,
                        "headline only: as summaries the edition would be " + kb(asSummaries) + " against "
                                + kb(budget)),
                size.apply(styles),
                budget);
    }

    /** The first k stories in {@code first}, the rest in {@code rest}. */
    static List<StoryStyle> mix(int n, int k, StoryStyle first, StoryStyle rest) {
        List<StoryStyle> styles = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            styles.add(i < k ? first : rest);
        }
        return styles;
    }

    /** The largest i in [0, max] for which fits holds (it holds for every smaller i too), or -1. */
    private static int largest(int max, java.util.function.IntPredicate fits) {
        if (!fits.test(0)) {
            return -1;
        }
        int lo = 0;
        int hi = max;
        while (lo < hi) {
            int mid = (lo + hi + 1) >>> 1;
            if (fits.test(mid)) {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        return lo;
    }

    private static EditionPlan plan(
            List<Article> articles, List<StoryStyle> styles, Map<StoryStyle, String> reasons, int bytes, int budget) {
        List<EditionPlan.Story> stories = new ArrayList<>();
        for (int i = 0; i < articles.size(); i++) {
            stories.add(new EditionPlan.Story(
                    articles.get(i).id(), articles.get(i).title(), styles.get(i), reasons.get(styles.get(i))));
        }
        return new EditionPlan(stories, bytes, budget);
    }

    private static String kb(int bytes) {
        return String.format(java.util.Locale.ROOT, "%.1f KB", bytes / 1024.0);
    }
}
