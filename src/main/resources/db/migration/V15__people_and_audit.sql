-- Named people. The two shared accounts of earlier versions (editor, ops) stay as people with those roles.
ALTER TABLE app_user ADD COLUMN email VARCHAR(320);
ALTER TABLE app_user ADD COLUMN role VARCHAR(20) NOT NULL DEFAULT 'editor';
ALTER TABLE app_user ADD COLUMN status VARCHAR(20) NOT NULL DEFAULT 'active';
-- Changes when the password, role or status changes: a session made before it opens nothing.
ALTER TABLE app_user ADD COLUMN session_stamp VARCHAR(40) NOT NULL DEFAULT 'initial';
-- 'local' (a password kept here) or 'oidc' (signs in through the identity provider).
ALTER TABLE app_user ADD COLUMN source VARCHAR(10) NOT NULL DEFAULT 'local';
ALTER TABLE app_user ADD COLUMN created_at TIMESTAMP WITH TIME ZONE;
ALTER TABLE app_user ADD COLUMN last_sign_in TIMESTAMP WITH TIME ZONE;
ALTER TABLE app_user ALTER COLUMN password_hash DROP NOT NULL;
UPDATE app_user SET role = 'ops' WHERE username = 'ops';
UPDATE app_user SET created_at = CURRENT_TIMESTAMP;
ALTER TABLE app_user DROP COLUMN roles;

-- The lists a person may send to and import into; none means every list.
CREATE TABLE app_user_list (
    username  VARCHAR(64) NOT NULL,
    list_id   VARCHAR(64) NOT NULL,
    CONSTRAINT app_user_list_pk PRIMARY KEY (username, list_id)
);

-- Invitations: the link carries a signed token; only its SHA-256 is kept, and it is used at most once.
CREATE TABLE user_invite (
    token_hash  VARCHAR(64)  PRIMARY KEY,
    username    VARCHAR(64)  NOT NULL,
    invited_by  VARCHAR(64)  NOT NULL,
    expires_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    used_at     TIMESTAMP WITH TIME ZONE
);
CREATE INDEX user_invite_user_ix ON user_invite (username);

-- The audit trail: append-only, each entry hashed with the one before it (docs/people.md says how to check it).
CREATE TABLE audit_entry (
    seq        BIGINT        PRIMARY KEY,
    happened_at TIMESTAMP WITH TIME ZONE NOT NULL,
    actor      VARCHAR(64)   NOT NULL,
    address    VARCHAR(64)   NOT NULL,
    action     VARCHAR(64)   NOT NULL,
    target     VARCHAR(300)  NOT NULL,
    outcome    INTEGER       NOT NULL,
    detail     VARCHAR(4000) NOT NULL,
    prev_hash  VARCHAR(64)   NOT NULL,
    hash       VARCHAR(64)   NOT NULL
);
CREATE INDEX audit_entry_actor_ix ON audit_entry (actor, seq);
CREATE INDEX audit_entry_action_ix ON audit_entry (action, seq);
