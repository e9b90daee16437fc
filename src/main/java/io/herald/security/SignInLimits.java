package io.herald.security;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * Failed sign-ins per client address over a sliding 15 minutes (herald.failed-sign-ins-per-ip). Past the limit the
 * address's sign-ins are refused before the password is checked: guessing stops, and so does the bcrypt work each
 * guess costs (about 50 ms of a core: thirty wrong passwords at once would otherwise keep both cores busy).
 */
@ApplicationScoped
public class SignInLimits {

    static final Duration WINDOW = Duration.ofMinutes(15);

    private final Map<String, Deque<Instant>> failures = new ConcurrentHashMap<>();
    private final int limit;

    SignInLimits(SecurityConfig securityConfig) {
        this.limit = securityConfig.failedSignInsPerIp();
    }

    /** When the address may try again, if it is over its limit now. */
    public Optional<Instant> blockedUntil(String ip, Instant now) {
        Deque<Instant> times = failures.get(ip);
        if (times == null) {
            return Optional.empty();
        }
        synchronized (times) {
            expire(times, now);
            return times.size() >= limit ? Optional.of(times.peekFirst().plus(WINDOW)) : Optional.empty();
        }
    }

    public void failed(String ip, Instant now) {
        Deque<Instant> times = failures.computeIfAbsent(ip, k -> new ArrayDeque<>());
        synchronized (times) {
            expire(times, now);
            times.addLast(now);
        }
        if (failures.size() > 100_000) {
            failures.entrySet()
                    .removeIf(e ->
                            e.getValue().isEmpty() || e.getValue().peekLast().isBefore(now.minus(WINDOW)));
        }
    }

    private static void expire(Deque<Instant> times, Instant now) {
        while (!times.isEmpty() && times.peekFirst().isBefore(now.minus(WINDOW))) {
            times.pollFirst();
        }
    }
}
