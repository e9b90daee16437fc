package io.herald.security;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import com.nulabinc.zxcvbn.Strength;
import com.nulabinc.zxcvbn.Zxcvbn;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * What a chosen password must be: at least herald.passwords.min-length characters, at most 200, and hard to guess
 * by zxcvbn's estimate (herald.passwords.min-strength), which knows the most common passwords, names, dictionary
 * words, dates and keyboard runs, and is told the person's own name and email so that "alice-herald" is weak for
 * alice.
 *
 * <p>zxcvbn's dictionaries are built for each check and dropped after it: they are about 15 MB of a node's 128 MB
 * heap, and a password is chosen a few times a day, while the heap is what a send needs all day. Building them
 * takes 30-100 ms, which a person setting a password does not notice.
 */
@ApplicationScoped
public class PasswordRules {

    static final int MAX_LENGTH = 200;

    private final SecurityConfig.Passwords config;

    PasswordRules(SecurityConfig config) {
        this.config = config.passwords();
    }

    /** Why the password is refused, in words for the person choosing it; empty when it is good. */
    public Optional<String> problem(String password, String name, String email) {
        if (password == null || password.codePointCount(0, password.length()) < config.minLength()) {
            return Optional.of("use at least " + config.minLength() + " characters");
        }
        if (password.length() > MAX_LENGTH) {
            return Optional.of("use at most " + MAX_LENGTH + " characters");
        }
        List<String> own = new ArrayList<>();
        own.add("herald");
        if (name != null) {
            own.add(name);
        }
        if (email != null) {
            own.add(email);
            own.add(email.replaceAll("@.*", ""));
        }
        Strength strength = new Zxcvbn().measure(password, own);
        if (strength.getScore() < config.minStrength()) {
            String warning = strength.getFeedback().getWarning();
            return Optional.of("too easy to guess"
                    + (warning == null || warning.isBlank() ? "" : " (" + warning.replaceAll("\\.$", "") + ")")
                    + "; a few unrelated words make a strong one");
        }
        return Optional.empty();
    }

    public int minLength() {
        return config.minLength();
    }
}
