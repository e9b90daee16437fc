package io.herald.article;

/** Input that cannot become an article; names the field at fault and why. */
public class ArticleValidationException extends RuntimeException {

    private final String field;
    private final int status;

    public ArticleValidationException(String field, String reason) {
        this(field, reason, 400);
    }

    public ArticleValidationException(String field, String reason, int status) {
        super(reason);
        this.field = field;
        this.status = status;
    }

    public String field() {
        return field;
    }

    /** The HTTP status that fits: 400 for bad content, 413 for too large, 415 for not text. */
    public int status() {
        return status;
    }
}
