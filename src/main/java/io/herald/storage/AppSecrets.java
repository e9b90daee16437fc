package io.herald.storage;

import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Base64;
import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * Secrets Herald generates itself, once, and keeps in the database so that every node of a cluster signs and checks
 * tokens with the same key.
 */
@ApplicationScoped
public class AppSecrets {

    private final DataSource dataSource;
    private final SecureRandom random = new SecureRandom();
    private final java.util.Map<String, javax.crypto.Mac> macs = new java.util.concurrent.ConcurrentHashMap<>();
    /** Each thread's own copies of {@link #macs}: a Mac serves one thread at a time, and doFinal readies it again. */
    private final ThreadLocal<java.util.Map<String, javax.crypto.Mac>> threadMacs =
            ThreadLocal.withInitial(java.util.HashMap::new);

    AppSecrets(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** The named 256-bit secret, created on first use. */
    public byte[] get(String name) {
        try (Connection c = dataSource.getConnection()) {
            String existing = read(c, name);
            if (existing == null) {
                byte[] fresh = new byte[32];
                random.nextBytes(fresh);
                try (PreparedStatement ps = c.prepareStatement("INSERT INTO app_secret (name, secret) VALUES (?, ?)")) {
                    ps.setString(1, name);
                    ps.setString(2, Base64.getEncoder().encodeToString(fresh));
                    ps.executeUpdate();
                } catch (SQLException raced) {
                    // Another node created it first: use theirs.
                }
                existing = read(c, name);
            }
            return Base64.getDecoder().decode(existing);
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot read secret " + name, e);
        }
    }

    /**
     * HMAC-SHA256 of {@code payload} under the named secret (read once, then kept): what unsubscribe tokens, signed
     * links and erased-address hashes are made of.
     */
    public byte[] hmac(String name, String payload) {
        // The thread's own copy of a Mac keyed once: looking the algorithm up and keying it each time was most of the
        // cost of an erased-address check, and a copy per call a fifth of an HMAC (a send makes one per message).
        return threadMacs
                .get()
                .computeIfAbsent(name, this::ownMac)
                .doFinal(payload.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    /**
     * A Mac keyed with the named secret, the caller's own: for one thread that makes many, such as an import keying
     * every row's address (a Mac is reset by each doFinal and serves the next one without a copy).
     */
    public javax.crypto.Mac ownMac(String name) {
        try {
            return (javax.crypto.Mac) macs.computeIfAbsent(name, this::keyedMac).clone();
        } catch (CloneNotSupportedException e) {
            throw new IllegalStateException(e);
        }
    }

    private javax.crypto.Mac keyedMac(String name) {
        try {
            javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
            mac.init(new javax.crypto.spec.SecretKeySpec(get(name), "HmacSHA256"));
            return mac;
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String read(Connection c, String name) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT secret FROM app_secret WHERE name = ?")) {
            ps.setString(1, name);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }
}
