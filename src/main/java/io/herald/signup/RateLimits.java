package io.herald.signup;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * Sliding-window limits on the public signup endpoint, per client address and per email address, kept in this
 * node's memory (with N nodes behind a balancer a client gets at most N times the limit; put a shared limit in the
 * proxy if that matters).
 */
@ApplicationScoped
public class RateLimits {

    private final Map<String, Deque<Instant>> hits = new ConcurrentHashMap<>();
    private final int perIp;
    private final int perAddress;
    private final Duration window = Duration.ofHours(1);

    RateLimits(SignupConfig signupConfig) {
        this.perIp = signupConfig.perIpPerHour();
        this.perAddress = signupConfig.perAddressPerHour();
    }

    /** Counts one attempt; false when the client or the address went over its limit. */
    public boolean allow(String ip, String email, Instant now) {
        boolean ipOk = take("ip:" + ip, perIp, now);
        boolean addressOk = email == null || take("to:" + email, perAddress, now);
        if (hits.size() > 100_000) {
            hits.entrySet()
                    .removeIf(e ->
                            e.getValue().isEmpty() || e.getValue().peekLast().isBefore(now.minus(window)));
        }
        return ipOk && addressOk;
    }

    private boolean take(String key, int limit, Instant now) {
        Deque<Instant> times = hits.computeIfAbsent(key, k -> new ArrayDeque<>());
        synchronized (times) {
            while (!times.isEmpty() && times.peekFirst().isBefore(now.minus(window))) {
                times.pollFirst();
            }
            if (times.size() >= limit) {
                return false;
            }
            times.addLast(now);
            return true;
        }
    }
}
