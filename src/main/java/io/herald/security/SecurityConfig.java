package io.herald.security;

import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The built-in accounts and the limit on failed sign-ins. */
@ConfigMapping(prefix = "herald")
public interface SecurityConfig {
    /** Password of the built-in editor user; when unset a random one is generated once and logged. */
    Optional<String> editorPassword();

    /** Password of the built-in ops user; when unset a random one is generated once and logged. */
    Optional<String> opsPassword();

    /**
     * Failed sign-ins (the sign-in form or HTTP Basic) one client address may make in 15 minutes; past that its
     * sign-ins are refused with 429 until the window has room again, without checking the password (per node).
     * Behind a reverse proxy set quarkus.http.proxy.proxy-address-forwarding so that this counts clients, not the
     * proxy.
     */
    @WithDefault("10")
    int failedSignInsPerIp();
}
