package io.herald.subscriber;

import java.util.Locale;
import java.util.Optional;

import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;

/**
 * Checks subscriber addresses: one plain address (no display name, quotes, comments or line breaks), an
 * internationalised domain turned into its ASCII (punycode) form, lower-cased. Role addresses (info@, admin@, ...)
 * are accepted but flagged: they reach a team, not a reader, and complain more often.
 */
public final class EmailAddresses {

    private static final java.util.Set<String> ROLES = java.util.Set.of(
            "abuse",
            "admin",
            "administrator",
            "billing",
            "contact",
            "help",
            "hostmaster",
            "info",
            "mail",
            "marketing",
            "noc",
            "noreply",
            "no-reply",
            "office",
            "postmaster",
            "root",
            "sales",
            "security",
            "support",
            "webmaster");

    private EmailAddresses() {}

    /** The normalised address, or why it is refused. */
    public static Result check(String raw) {
        if (raw == null || raw.isBlank()) {
            return new Result(null, "the address is empty");
        }
        String value = raw.strip();
        if (hasControlCharacter(value)) {
            return new Result(null, "the address contains control characters or line breaks");
        }
        if (value.contains("<") || value.contains(">") || value.contains(" ") || value.contains("\"")) {
            return new Result(null, "\"" + value + "\" is not a bare address (no display names, quotes or spaces)");
        }
        int at = value.lastIndexOf('@');
        if (at > 0 && at < value.length() - 1 && !isAsciiHostName(value, at + 1)) {
            try {
                // Türkiye-haber.kz and the like: mail servers speak the ASCII form.
                value = value.substring(0, at + 1)
                        + java.net.IDN.toASCII(value.substring(at + 1), java.net.IDN.USE_STD3_ASCII_RULES);
            } catch (IllegalArgumentException e) {
                return new Result(null, "\"" + raw.strip() + "\" has an invalid domain: " + e.getMessage());
            }
        }
        try {
            // Strict parsing checks the address as validate() would (the same checkAddress call): once is enough.
            InternetAddress address = new InternetAddress(value, true);
            String[] parts = address.getAddress().split("@", 2);
            if (parts.length != 2 || !parts[1].contains(".")) {
                return new Result(null, "\"" + value + "\" has no domain with a dot");
            }
            return new Result((parts[0] + "@" + parts[1]).toLowerCase(Locale.ROOT), null);
        } catch (AddressException e) {
            return new Result(null, "\"" + value + "\" is not a valid address: " + e.getMessage());
        }
    }

    private static boolean hasControlCharacter(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < 0x20 || c == 0x7f) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether the domain from {@code from} on is already what {@link java.net.IDN#toASCII} with the STD3 rules would
     * return unchanged: labels of 1 to 63 letters, digits and inner hyphens, split by single dots. Such a domain (all
     * but a few of a members file's) skips that call, a fifth of the time an import spends checking an address;
     * anything else goes through it.
     */
    static boolean isAsciiHostName(String value, int from) {
        int label = 0;
        char previous = '.';
        for (int i = from; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '.') {
                if (label == 0 || previous == '-') {
                    return false;
                }
                label = 0;
            } else if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) {
                label++;
            } else if (c == '-' && label > 0) {
                label++;
            } else {
                return false;
            }
            if (label > 63) {
                return false;
            }
            previous = c;
        }
        return label > 0 && previous != '-';
    }

    /** Whether an address {@link #check} returned is a team's (info@, admin@, ...) rather than a person's. */
    public static boolean isRoleAccount(String checkedAddress) {
        return ROLES.contains(checkedAddress.substring(0, checkedAddress.indexOf('@')));
    }

    /** Either an address or the reason there is none. */
    public record Result(String address, String problem) {
        public Optional<String> ok() {
            return Optional.ofNullable(address);
        }

        /** info@, admin@, postmaster@ ...: a team's address rather than a person's. */
        public boolean roleAccount() {
            return address != null && isRoleAccount(address);
        }
    }
}
