package io.herald.common;

/**
 * Input or a request Herald refuses: the field at fault, the reason in words and what kind of refusal it is. Feature
 * packages throw it; only web/ turns the kind into an HTTP status (answered as problem+json).
 */
public class Refusal extends RuntimeException {

    /** Why the input is refused. */
    public enum Kind {
        /** Missing, malformed or breaking a rule of the request's shape. */
        INVALID,
        /** Well formed, but it cannot be done as asked (a line of a file, an empty text, a list that is not there). */
        UNPROCESSABLE,
        /** The thing it names does not exist. */
        NOT_FOUND,
        /** It contradicts the current state (a post already published, a mailbox not configured). */
        CONFLICT,
        /** Larger than the limit for its kind. */
        TOO_LARGE,
        /** Binary data where text belongs. */
        NOT_TEXT,
        /** The signed-in person's role or list rights do not cover it. */
        FORBIDDEN
    }

    private final Kind kind;
    private final String field;

    public Refusal(Kind kind, String field, String reason) {
        super(reason);
        this.kind = kind;
        this.field = field;
    }

    /** A rule of the input is broken: {@link Kind#INVALID}. */
    public static Refusal invalid(String field, String reason) {
        return new Refusal(Kind.INVALID, field, reason);
    }

    /** The person may not do this (a list outside their rights): {@link Kind#FORBIDDEN}. */
    public static Refusal forbidden(String field, String reason) {
        return new Refusal(Kind.FORBIDDEN, field, reason);
    }

    /** Nothing by that name or id: {@link Kind#NOT_FOUND}. */
    public static Refusal notFound(String field, String reason) {
        return new Refusal(Kind.NOT_FOUND, field, reason);
    }

    public Kind kind() {
        return kind;
    }

    /** The field at fault, as the request names it. */
    public String field() {
        return field;
    }
}
