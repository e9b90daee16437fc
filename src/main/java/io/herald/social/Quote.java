package io.herald.social;

/** A sentence someone said in the article, and who said it. */
public record Quote(String sentence, String speaker) {

    /**
     * The quote as a teaser prints it, in the article's language's marks: “...” – Speaker in English, «...» — Speaker
     * in Russian and Kazakh (the bundle's quoteBy).
     */
    public String display(io.herald.language.Words words) {
        return words.get("quoteBy", sentence, speaker);
    }
}
