package io.herald.people;

/** The SQL of user_invite, owned by {@link Invitations}. */
final class InviteQueries {

    private InviteQueries() {}

    static final String INSERT =
            "INSERT INTO user_invite (token_hash, username, invited_by, expires_at) VALUES (?,?,?,?)";

    /** A newer invitation replaces the ones not yet used. */
    static final String REVOKE_OPEN = "DELETE FROM user_invite WHERE username=? AND used_at IS NULL";

    static final String OPEN =
            "SELECT username FROM user_invite WHERE token_hash=? AND used_at IS NULL AND expires_at > ?";

    /** Single use: of two requests with the same link, one changes the row and the other finds it used. */
    static final String USE =
            "UPDATE user_invite SET used_at=? WHERE token_hash=? AND username=? AND used_at IS NULL AND expires_at > ?";

    static final String FORGET = "DELETE FROM user_invite WHERE username=?";
}
