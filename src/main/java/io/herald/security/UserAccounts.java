package io.herald.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import javax.sql.DataSource;

import io.herald.common.Refusal;
import io.herald.storage.Sql;
import io.herald.storage.Transactions;
import io.quarkus.elytron.security.common.BcryptUtil;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The people who work in Herald (app_user, app_user_list): their role, status, lists and bcrypt password hash.
 * Every change to a role, status, list rights or password gives the account a new session stamp; a session cookie
 * carries the stamp it was made with, so the change ends the person's open sessions on their next request.
 */
@ApplicationScoped
public class UserAccounts {

    /** A person who may act now: what a session or a checked password stands for. */
    public record SignedIn(String name, String stamp, Role role, List<String> lists) {
        /** The name a session cookie keeps: the person and the stamp of their account when it began. */
        public String principal() {
            return name + STAMP_SEPARATOR + stamp;
        }
    }

    static final String STAMP_SEPARATOR = "~";
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

    private record Row(StaffAccount account, String hash, String stamp) {}

    private final DataSource dataSource;
    private final Transactions transactions;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();
    // bcrypt costs ~50 ms by design; HTTP Basic sends the password on every request, so a verified password is
    // remembered as its SHA-256 with the account's stamp for the life of the process (never written anywhere). A new
    // password changes the stamp, so a remembered old password stops matching.
    private final Map<String, byte[]> verified = new ConcurrentHashMap<>();

    UserAccounts(DataSource dataSource, Transactions transactions, Clock clock) {
        this.dataSource = dataSource;
        this.transactions = transactions;
        this.clock = clock;
    }

    public Optional<StaffAccount> find(String name) throws SQLException {
        return row(name).map(Row::account);
    }

    public List<StaffAccount> page(int offset, int limit) throws SQLException {
        List<Row> rows = Sql.query(
                dataSource,
                AccountQueries.PAGE,
                ps -> {
                    ps.setInt(1, limit);
                    ps.setInt(2, offset);
                },
                this::read);
        return rows.stream().map(Row::account).toList();
    }

    public long count() throws SQLException {
        return Sql.longs(dataSource, AccountQueries.COUNT, Sql.NONE).get(0);
    }

    public long activeAdmins() throws SQLException {
        return Sql.longs(dataSource, AccountQueries.ACTIVE_ADMINS, Sql.NONE).get(0);
    }

    /** A new account; a password hash only for local accounts made active at once (the bootstrap accounts). */
    public StaffAccount create(
            String name,
            String email,
            Role role,
            AccountStatus status,
            String source,
            List<String> lists,
            Optional<String> password)
            throws SQLException {
        if (row(name).isPresent()) {
            throw new Refusal(Refusal.Kind.CONFLICT, "name", "there is already a person named " + name);
        }
        Instant now = clock.instant();
        String stamp = newStamp();
        transactions.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement(AccountQueries.INSERT)) {
                ps.setString(1, name);
                ps.setString(2, email);
                ps.setString(3, role.text());
                ps.setString(4, status.text());
                ps.setString(5, source);
                ps.setObject(6, now.atOffset(java.time.ZoneOffset.UTC));
                ps.setString(7, password.map(BcryptUtil::bcryptHash).orElse(null));
                ps.setString(8, stamp);
                ps.executeUpdate();
            }
            writeLists(c, name, lists);
            return null;
        });
        // Just hashed: the password's first use needs no bcrypt check (the start makes the configured accounts so).
        password.ifPresent(p -> verified.put(name, verifiedDigest(name, stamp, p)));
        return find(name).orElseThrow();
    }

    /** Changes role, status, email and lists at once; the account's open sessions end. */
    public StaffAccount change(String name, Role role, AccountStatus status, String email, List<String> lists)
            throws SQLException {
        transactions.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement(AccountQueries.SET_ROLE_STATUS_EMAIL)) {
                ps.setString(1, role.text());
                ps.setString(2, status.text());
                ps.setString(3, email);
                ps.setString(4, newStamp());
                ps.setString(5, name);
                if (ps.executeUpdate() == 0) {
                    throw Refusal.notFound("name", "no person named " + name);
                }
            }
            try (PreparedStatement ps = c.prepareStatement(AccountQueries.DELETE_LISTS)) {
                ps.setString(1, name);
                ps.executeUpdate();
            }
            writeLists(c, name, lists);
            return null;
        });
        verified.remove(name);
        return find(name).orElseThrow();
    }

    /** Sets a new password (already checked against the rules); an invited account becomes active; sessions end. */
    public void setPassword(String name, String password) throws SQLException {
        String hash = BcryptUtil.bcryptHash(password);
        String stamp = newStamp();
        int changed = Sql.update(dataSource, AccountQueries.SET_PASSWORD, ps -> {
            ps.setString(1, hash);
            ps.setString(2, stamp);
            ps.setString(3, name);
        });
        verified.remove(name);
        if (changed == 0) {
            throw Refusal.notFound("name", "no person named " + name);
        }
        // The password was just hashed: its first use needs no bcrypt check either.
        verified.put(name, verifiedDigest(name, stamp, password));
    }

    /** Ends every session of the person (sign-out): the account gets a new stamp. */
    public void endSessions(String name) throws SQLException {
        Sql.update(dataSource, AccountQueries.NEW_STAMP, ps -> {
            ps.setString(1, newStamp());
            ps.setString(2, name);
        });
        verified.remove(name);
    }

    public boolean remove(String name) throws SQLException {
        verified.remove(name);
        return transactions.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement(AccountQueries.DELETE_LISTS)) {
                ps.setString(1, name);
                ps.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement(AccountQueries.DELETE)) {
                ps.setString(1, name);
                return ps.executeUpdate() == 1;
            }
        });
    }

    /**
     * Whether the password is this local account's, whatever the account's status (for the bootstrap accounts). A
     * match is remembered as {@link #authenticate} remembers one: the start checks each configured password this way,
     * and the first API call with it then needs no second bcrypt (a tenth of a second of a fresh node's first import
     * or send request).
     */
    public boolean passwordMatches(String name, String password) throws SQLException {
        Optional<Row> row = row(name);
        if (row.isEmpty()
                || row.get().hash() == null
                || !BcryptUtil.matches(password, row.get().hash())) {
            return false;
        }
        verified.put(name, verifiedDigest(name, row.get().stamp(), password));
        return true;
    }

    /** Whether {@link #authenticate} would take this password without bcrypt (it was verified since the last change). */
    boolean remembers(String name, String password) throws SQLException {
        Optional<Row> row = row(name);
        byte[] known = verified.get(name);
        return row.isPresent()
                && known != null
                && MessageDigest.isEqual(known, verifiedDigest(name, row.get().stamp(), password));
    }

    /** The person, when the password is right and the account is an active local one. */
    public Optional<SignedIn> authenticate(String name, String password) throws SQLException {
        if (name == null || password == null || name.length() > 64) {
            return Optional.empty();
        }
        Optional<Row> found = row(name);
        if (found.isEmpty()
                || found.get().hash() == null
                || found.get().account().status() != AccountStatus.ACTIVE) {
            return Optional.empty();
        }
        Row row = found.get();
        byte[] digest = verifiedDigest(name, row.stamp(), password);
        byte[] known = verified.get(name);
        if (known != null && MessageDigest.isEqual(known, digest)) {
            return Optional.of(signedIn(row));
        }
        if (BcryptUtil.matches(password, row.hash())) {
            verified.put(name, digest);
            return Optional.of(signedIn(row));
        }
        return Optional.empty();
    }

    /** The person a session cookie names, while their account is active and unchanged since the session began. */
    public Optional<SignedIn> session(String principal) throws SQLException {
        int at = principal == null ? -1 : principal.lastIndexOf(STAMP_SEPARATOR);
        if (at <= 0) {
            return Optional.empty();
        }
        String stamp = principal.substring(at + 1);
        return row(principal.substring(0, at))
                .filter(r -> r.account().status() == AccountStatus.ACTIVE)
                .filter(r -> MessageDigest.isEqual(
                        r.stamp().getBytes(StandardCharsets.UTF_8), stamp.getBytes(StandardCharsets.UTF_8)))
                .map(this::signedIn);
    }

    /** The person signed in through the identity provider: active, of the given source. */
    public Optional<SignedIn> active(String name) throws SQLException {
        return row(name)
                .filter(r -> r.account().status() == AccountStatus.ACTIVE)
                .map(this::signedIn);
    }

    public void signedIn(String name) throws SQLException {
        Sql.update(dataSource, AccountQueries.SIGNED_IN, ps -> {
            ps.setObject(1, clock.instant().atOffset(java.time.ZoneOffset.UTC));
            ps.setString(2, name);
        });
    }

    private SignedIn signedIn(Row row) {
        StaffAccount a = row.account();
        return new SignedIn(a.name(), row.stamp(), a.role(), a.lists());
    }

    private Optional<Row> row(String name) throws SQLException {
        return Sql.first(dataSource, AccountQueries.ONE, ps -> ps.setString(1, name), this::read);
    }

    private Row read(java.sql.ResultSet rs) throws SQLException {
        String name = rs.getString(1);
        List<String> lists =
                Sql.query(dataSource, AccountQueries.LISTS, ps -> ps.setString(1, name), r -> r.getString(1));
        StaffAccount account = new StaffAccount(
                name,
                rs.getString(2),
                Role.parse(rs.getString(3)).orElse(Role.VIEWER),
                AccountStatus.of(rs.getString(4)),
                rs.getString(5),
                lists,
                Sql.instant(rs, 6),
                Sql.instant(rs, 7));
        return new Row(account, rs.getString(8), rs.getString(9));
    }

    private static void writeLists(Connection c, String name, List<String> lists) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(AccountQueries.INSERT_LIST)) {
            for (String list : lists.stream().distinct().toList()) {
                ps.setString(1, name);
                ps.setString(2, list);
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    private String newStamp() {
        byte[] bytes = new byte[12];
        random.nextBytes(bytes);
        return B64.encodeToString(bytes);
    }

    private static byte[] verifiedDigest(String name, String stamp, String password) {
        return sha256(name + "\0" + stamp + "\0" + password);
    }

    private static byte[] sha256(String s) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
