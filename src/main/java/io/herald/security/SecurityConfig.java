package io.herald.security;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The accounts Herald makes at start, the rules for passwords and the limit on failed sign-ins. */
@ConfigMapping(prefix = "herald")
public interface SecurityConfig {
    /**
     * Password of the first administrator, "admin". When unset and no active admin exists, the first start makes
     * "admin" with a random password, prints it once in the log and keeps only its bcrypt hash.
     */
    Optional<String> adminPassword();

    /**
     * Password of the shared "editor" account of earlier versions: when set, the account exists with the editor role
     * and this password (the bootstrap path for deployments that used it); when unset no such account is made.
     */
    Optional<String> editorPassword();

    /** Password of the shared "ops" account of earlier versions, as for editor-password, with the ops role. */
    Optional<String> opsPassword();

    /**
     * Failed sign-ins (the sign-in form or HTTP Basic) one client address may make in 15 minutes; past that its
     * sign-ins are refused with 429 until the window has room again, without checking the password (per node).
     * Behind a reverse proxy set quarkus.http.proxy.proxy-address-forwarding so that this counts clients, not the
     * proxy.
     */
    @WithDefault("10")
    int failedSignInsPerIp();

    /** Sign-in through the newsroom's identity provider (when quarkus.oidc.tenant-enabled=true). */
    Oidc oidc();

    interface Oidc {
        /** The token claim whose values decide the role (a list such as "groups", or a single value). */
        @WithDefault("groups")
        String roleClaim();

        /** The token claim that names the person (made lower-case; other characters than a-z 0-9 . _ - become -). */
        @WithDefault("preferred_username")
        String nameClaim();

        /**
         * For each role (viewer, editor, ops, admin), the claim values that grant it; the highest role granted wins,
         * and a person granted none signs in to a page saying so. Example: herald.oidc.roles.admin=herald-admins.
         */
        Map<String, List<String>> roles();
    }

    /** Rules for the passwords people choose (invitation and change-password pages, the users API). */
    Passwords passwords();

    interface Passwords {
        /** Fewest characters a chosen password may have. */
        @WithDefault("12")
        int minLength();

        /**
         * Least zxcvbn strength score (0 to 4) a chosen password must reach: 3 means "safely unguessable: moderate
         * protection from an offline attack". Common passwords, names and keyboard runs score 0 or 1.
         */
        @WithDefault("3")
        int minStrength();
    }
}
