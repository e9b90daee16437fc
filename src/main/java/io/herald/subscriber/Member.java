package io.herald.subscriber;

/**
 * One row of a members.csv: a lower-cased address, an optional name and an optional time zone (an IANA name such as
 * Asia/Almaty; null: the list's zone).
 */
public record Member(String email, String name, String timeZone) {

    public Member(String email, String name) {
        this(email, name, null);
    }
}
