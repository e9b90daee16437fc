package io.herald.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import javax.sql.DataSource;

import io.quarkus.elytron.security.common.BcryptUtil;
import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Herald's two users, editor and ops. Passwords come from HERALD_EDITOR_PASSWORD and HERALD_OPS_PASSWORD; when one
 * is unset and the user has no password yet, a random one is generated, printed once in the log, and only its bcrypt
 * hash is kept. There is never a fixed default password.
 */
@ApplicationScoped
public class UserAccounts {

    public static final String EDITOR = "editor";
    public static final String OPS = "ops";

    private static final Map<String, Set<String>> ROLES = Map.of(EDITOR, Set.of(EDITOR), OPS, Set.of(OPS, EDITOR));

    private final DataSource dataSource;
    private final SecurityConfig securityConfig;
    private final SecureRandom random = new SecureRandom();
    // bcrypt costs ~50 ms by design; HTTP Basic sends the password on every request, so a verified password is
    // remembered as its SHA-256 for the life of the process (never written anywhere).
    private final Map<String, byte[]> verified = new ConcurrentHashMap<>();

    UserAccounts(DataSource dataSource, SecurityConfig securityConfig) {
        this.dataSource = dataSource;
        this.securityConfig = securityConfig;
    }

    void onStart(@Observes @Priority(5) StartupEvent event) throws SQLException {
        ensure(EDITOR, securityConfig.editorPassword());
        ensure(OPS, securityConfig.opsPassword());
    }

    private void ensure(String user, Optional<String> configured) throws SQLException {
        Optional<String> stored = storedHash(user);
        if (configured.isPresent() && !configured.get().isBlank()) {
            if (stored.isEmpty() || !BcryptUtil.matches(configured.get(), stored.get())) {
                save(user, BcryptUtil.bcryptHash(configured.get()));
            }
        } else if (stored.isEmpty()) {
            byte[] bytes = new byte[15];
            random.nextBytes(bytes);
            String password = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
            save(user, BcryptUtil.bcryptHash(password));
            Log.warnf(
                    "Generated a password for user '%s': %s  (shown once; set HERALD_%s_PASSWORD to choose one)",
                    user, password, user.toUpperCase());
        }
    }

    /** The roles of a known user, for a session whose password was checked when it began. */
    public Optional<Set<String>> roles(String user) {
        return Optional.ofNullable(ROLES.get(user));
    }

    /** The user's roles when the password is right. */
    public Optional<Set<String>> authenticate(String user, String password) {
        Set<String> roles = ROLES.get(user);
        if (roles == null || password == null) {
            return Optional.empty();
        }
        byte[] digest = sha256(user + "\0" + password);
        byte[] known = verified.get(user);
        if (known != null && MessageDigest.isEqual(known, digest)) {
            return Optional.of(roles);
        }
        try {
            Optional<String> hash = storedHash(user);
            if (hash.isPresent() && BcryptUtil.matches(password, hash.get())) {
                verified.put(user, digest);
                return Optional.of(roles);
            }
        } catch (SQLException e) {
            Log.errorf(e, "Cannot read user %s", user);
        }
        return Optional.empty();
    }

    private Optional<String> storedHash(String user) throws SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT password_hash FROM app_user WHERE username=?")) {
            ps.setString(1, user);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
            }
        }
    }

    private void save(String user, String hash) throws SQLException {
        verified.remove(user);
        try (Connection c = dataSource.getConnection()) {
            try (PreparedStatement up =
                    c.prepareStatement("UPDATE app_user SET password_hash=?, roles=? WHERE username=?")) {
                up.setString(1, hash);
                up.setString(2, String.join(",", ROLES.get(user)));
                up.setString(3, user);
                if (up.executeUpdate() == 1) {
                    return;
                }
            }
            try (PreparedStatement ins =
                    c.prepareStatement("INSERT INTO app_user (username, password_hash, roles) VALUES (?,?,?)")) {
                ins.setString(1, user);
                ins.setString(2, hash);
                ins.setString(3, String.join(",", ROLES.get(user)));
                ins.executeUpdate();
            }
        }
    }

    private static byte[] sha256(String s) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
