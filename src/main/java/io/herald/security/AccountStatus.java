package io.herald.security;

import java.util.Locale;

import com.fasterxml.jackson.annotation.JsonValue;

/** An account's state: invited (no password yet), active, or disabled (kept for the record, signs in to nothing). */
public enum AccountStatus {
    INVITED,
    ACTIVE,
    DISABLED;

    @JsonValue
    public String text() {
        return name().toLowerCase(Locale.ROOT);
    }

    static AccountStatus of(String text) {
        return valueOf(text.toUpperCase(Locale.ROOT));
    }
}
