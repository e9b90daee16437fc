package io.herald.web;

/** A request Herald refuses, with the field at fault, the reason and the HTTP status (answered as problem+json). */
public class InvalidRequest extends RuntimeException {

    private final String field;
    private final int status;

    public InvalidRequest(int status, String field, String reason) {
        super(reason);
        this.field = field;
        this.status = status;
    }

    public String field() {
        return field;
    }

    public int status() {
        return status;
    }
}
