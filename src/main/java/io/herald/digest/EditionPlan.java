package io.herald.digest;

import java.util.List;

/**
 * Which style each story of an edition gets and why, and the size of the edition's HTML part (after CSS inlining,
 * UTF-8 bytes, as Gmail counts toward its 102 KB clipping limit) against herald.digest.html-budget.
 *
 * @param stories one entry per article, in the edition's order
 * @param htmlBytes the HTML part's size with these styles
 * @param budget the size the edition should stay under
 */
public record EditionPlan(List<Story> stories, int htmlBytes, int budget) {

    /** One story's style and the reason a person reads on the preview. */
    public record Story(Long articleId, String title, StoryStyle style, String reason) {}

    public List<StoryStyle> styles() {
        return stories.stream().map(Story::style).toList();
    }

    public boolean fits() {
        return htmlBytes <= budget;
    }

    /** The size as a share of the budget, in whole percent. */
    public int percentOfBudget() {
        return (int) Math.round(htmlBytes * 100.0 / budget);
    }
}
