package io.herald.social;

/** A sentence someone said in the article, and who said it. */
public record Quote(String sentence, String speaker) {

    /** “I am convinced that ...,” as a teaser prints it: the sentence in curly quotes, then the speaker. */
    public String display() {
        return "“" + sentence + "” – " + speaker;
    }
}
