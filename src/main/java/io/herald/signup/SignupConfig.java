package io.herald.signup;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Signup on the website with double opt-in, and the preferences page. */
@ConfigMapping(prefix = "herald.signup")
public interface SignupConfig {
    /** Lists open to signup; every list when unset. */
    Optional<List<String>> lists();

    /** How long a confirmation link works. */
    @WithDefault("48h")
    Duration tokenTtl();

    /** Signup requests one client address may make per hour (per node). */
    @WithDefault("20")
    int perIpPerHour();

    /** Confirmation emails one address may be sent per hour (per node). */
    @WithDefault("3")
    int perAddressPerHour();

    /** How long a preferences link (from an unsubscribe page) works. */
    @WithDefault("30d")
    Duration preferencesTtl();
}
