package io.herald.security;

/** The SQL of app_user and app_user_list, owned by {@link UserAccounts}. */
final class AccountQueries {

    private AccountQueries() {}

    static final String COLUMNS =
            "username, email, role, status, source, created_at, last_sign_in, password_hash, session_stamp";

    static final String ONE = "SELECT " + COLUMNS + " FROM app_user WHERE username=?";

    static final String PAGE = "SELECT " + COLUMNS + " FROM app_user ORDER BY username LIMIT ? OFFSET ?";

    static final String COUNT = "SELECT COUNT(*) FROM app_user";

    static final String ACTIVE_ADMINS = "SELECT COUNT(*) FROM app_user WHERE role='admin' AND status='active'";

    static final String LISTS = "SELECT list_id FROM app_user_list WHERE username=? ORDER BY list_id";

    static final String INSERT = "INSERT INTO app_user (username, email, role, status, source, created_at, "
            + "password_hash, session_stamp) VALUES (?,?,?,?,?,?,?,?)";

    static final String SET_PASSWORD = "UPDATE app_user SET password_hash=?, session_stamp=?, "
            + "status=CASE WHEN status='invited' THEN 'active' ELSE status END WHERE username=?";

    static final String SET_ROLE_STATUS_EMAIL =
            "UPDATE app_user SET role=?, status=?, email=?, session_stamp=? WHERE username=?";

    static final String NEW_STAMP = "UPDATE app_user SET session_stamp=? WHERE username=?";

    static final String SIGNED_IN = "UPDATE app_user SET last_sign_in=? WHERE username=?";

    static final String DELETE = "DELETE FROM app_user WHERE username=?";

    static final String DELETE_LISTS = "DELETE FROM app_user_list WHERE username=?";

    static final String INSERT_LIST = "INSERT INTO app_user_list (username, list_id) VALUES (?,?)";
}
