package io.herald.subscriber;

import java.util.Locale;
import java.util.Optional;

import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;

/** Checks subscriber addresses: one plain address, no display name, no line breaks; domain lower-cased. */
public final class EmailAddresses {

    private EmailAddresses() {
    }

    /** The normalised address, or why it is refused. */
    public static Result check(String raw) {
        if (raw == null || raw.isBlank()) {
            return new Result(null, "the address is empty");
        }
        String value = raw.strip();
        if (value.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
            return new Result(null, "the address contains control characters or line breaks");
        }
        if (value.contains("<") || value.contains(">") || value.contains(" ") || value.contains("\"")) {
            return new Result(null, "\"" + value + "\" is not a bare address (no display names, quotes or spaces)");
        }
        try {
            InternetAddress address = new InternetAddress(value, true);
            address.validate();
            String[] parts = address.getAddress().split("@", 2);
            if (parts.length != 2 || !parts[1].contains(".")) {
                return new Result(null, "\"" + value + "\" has no domain with a dot");
            }
            return new Result((parts[0] + "@" + parts[1]).toLowerCase(Locale.ROOT), null);
        } catch (AddressException e) {
            return new Result(null, "\"" + value + "\" is not a valid address: " + e.getMessage());
        }
    }

    /** Either an address or the reason there is none. */
    public record Result(String address, String problem) {
        public Optional<String> ok() {
            return Optional.ofNullable(address);
        }
    }
}
