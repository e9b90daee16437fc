package io.herald.security;

import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Says at start, in words an operator can act on, what an unset session key means. Quarkus's own notice ("Encryption
 * key was not specified for persistent FORM auth, using temporary key ...") comes at the first sign-in and does not
 * say what to do; its logger is set to ERROR in application.properties and this line takes its place.
 */
@ApplicationScoped
public class SessionKeyNotice {

    static final String KEY = "quarkus.http.auth.session.encryption-key";

    void onStart(@Observes StartupEvent event) {
        if (ConfigProvider.getConfig()
                .getOptionalValue(KEY, String.class)
                .filter(k -> !k.isBlank())
                .isEmpty()) {
            Log.warn("Sign-in sessions are encrypted with a key made at start: people sign in again after a restart, "
                    + "and on each node of a cluster. To keep them, set QUARKUS_HTTP_AUTH_SESSION_ENCRYPTION_KEY to 32 "
                    + "or more random characters, the same on every node (deploy/README.md)");
        }
    }
}
