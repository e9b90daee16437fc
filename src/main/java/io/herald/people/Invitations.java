package io.herald.people;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import javax.sql.DataSource;

import io.herald.storage.AppSecrets;
import io.herald.storage.Sql;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Invitation links (user_invite). A token is "&lt;name&gt;~&lt;nonce&gt;~&lt;expiry&gt;~&lt;HMAC-SHA256&gt;" (base64url
 * parts) signed with a key every node reads from the database: a forged or altered token is refused before the
 * database is asked. The database keeps only the token's SHA-256, and a token works once: the row is marked used in
 * the same statement that checks it is unused and unexpired.
 */
@ApplicationScoped
public class Invitations {

    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

    private final DataSource dataSource;
    private final AppSecrets secrets;
    private final PeopleConfig config;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    Invitations(DataSource dataSource, AppSecrets secrets, PeopleConfig config, Clock clock) {
        this.dataSource = dataSource;
        this.secrets = secrets;
        this.config = config;
        this.clock = clock;
    }

    /** A new link's token for the person; their older unused links stop working. */
    public String issue(String name, String invitedBy) throws SQLException {
        byte[] nonce = new byte[18];
        random.nextBytes(nonce);
        Instant expires = clock.instant().plus(config.inviteTtl());
        String body = B64.encodeToString(name.getBytes(StandardCharsets.UTF_8)) + "~" + B64.encodeToString(nonce) + "~"
                + expires.getEpochSecond();
        String token = body + "~" + B64.encodeToString(secrets.hmac("invite-key", body));
        Sql.update(dataSource, InviteQueries.REVOKE_OPEN, ps -> ps.setString(1, name));
        Sql.update(dataSource, InviteQueries.INSERT, ps -> {
            ps.setString(1, sha256(token));
            ps.setString(2, name);
            ps.setString(3, invitedBy);
            ps.setObject(4, expires.atOffset(ZoneOffset.UTC));
        });
        return token;
    }

    /** The person a genuine, unused, unexpired token invites. */
    public Optional<String> open(String token) throws SQLException {
        Optional<String> name = signedName(token);
        if (name.isEmpty()) {
            return Optional.empty();
        }
        return Sql.first(
                        dataSource,
                        InviteQueries.OPEN,
                        ps -> {
                            ps.setString(1, sha256(token));
                            ps.setObject(2, clock.instant().atOffset(ZoneOffset.UTC));
                        },
                        rs -> rs.getString(1))
                .filter(name.get()::equals);
    }

    /** Uses the token up; true for exactly one caller. */
    public boolean use(String token, String name) throws SQLException {
        if (!signedName(token).filter(name::equals).isPresent()) {
            return false;
        }
        Instant now = clock.instant();
        return Sql.update(dataSource, InviteQueries.USE, ps -> {
                    ps.setObject(1, now.atOffset(ZoneOffset.UTC));
                    ps.setString(2, sha256(token));
                    ps.setString(3, name);
                    ps.setObject(4, now.atOffset(ZoneOffset.UTC));
                })
                == 1;
    }

    /** Removes the person's invitations (they were removed). */
    public void forget(String name) throws SQLException {
        Sql.update(dataSource, InviteQueries.FORGET, ps -> ps.setString(1, name));
    }

    public java.time.Duration ttl() {
        return config.inviteTtl();
    }

    private Optional<String> signedName(String token) {
        if (token == null || token.length() > 600) {
            return Optional.empty();
        }
        String[] parts = token.split("~");
        if (parts.length != 4) {
            return Optional.empty();
        }
        try {
            String body = parts[0] + "~" + parts[1] + "~" + parts[2];
            if (!MessageDigest.isEqual(Base64.getUrlDecoder().decode(parts[3]), secrets.hmac("invite-key", body))) {
                return Optional.empty();
            }
            if (Instant.ofEpochSecond(Long.parseLong(parts[2])).isBefore(clock.instant())) {
                return Optional.empty();
            }
            return Optional.of(new String(Base64.getUrlDecoder().decode(parts[0]), StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static String sha256(String token) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
