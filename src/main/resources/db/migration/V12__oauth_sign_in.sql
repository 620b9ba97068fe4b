-- Issue 14, part 1: sign-in through OAuth 2 / OpenID Connect providers. A user's link to a provider
-- stays where the design brief puts it (users.oauth_provider + oauth_id, one link per account).

-- A role an admin pinned is never changed by a provider's role-mapping rules.
ALTER TABLE users ADD COLUMN role_pinned boolean NOT NULL DEFAULT false;
-- Made by self-registration, whose e-mail nobody verified: whoever registered may not own the
-- address, so a provider's verified e-mail never links such an account (it would hand the owner's
-- sign-in to an account someone else may hold the password of).
ALTER TABLE users ADD COLUMN self_registered boolean NOT NULL DEFAULT false;

-- One row per sign-in that went to a provider and has not come back yet, found by the hash of its
-- state. It is deleted by the callback that uses it, so a state works once. The frontend's PKCE
-- challenge binds the sign-in to the frontend that started it: only that frontend holds the verifier
-- the handoff asks for, so a callback URL replayed in another browser (login CSRF) yields nothing.
CREATE TABLE oauth_logins (
    state_hash         char(64)     PRIMARY KEY,
    provider           varchar(50)  NOT NULL,
    nonce_hash         char(64)     NOT NULL,
    code_verifier      varchar(128) NOT NULL,
    frontend_redirect  varchar(2000) NOT NULL,
    frontend_challenge varchar(128) NOT NULL,
    created_at         timestamptz  NOT NULL DEFAULT now(),
    expires_at         timestamptz  NOT NULL
);
CREATE INDEX oauth_logins_expires_idx ON oauth_logins (expires_at);

-- A finished sign-in waiting for the frontend to trade its one-time code (and PKCE verifier) for
-- our own tokens, so that no token ever travels in a URL.
CREATE TABLE oauth_handoffs (
    code_hash          char(64)     PRIMARY KEY,
    user_id            uuid         NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    provider           varchar(50)  NOT NULL,
    frontend_challenge varchar(128) NOT NULL,
    created_at         timestamptz  NOT NULL DEFAULT now(),
    expires_at         timestamptz  NOT NULL
);
CREATE INDEX oauth_handoffs_expires_idx ON oauth_handoffs (expires_at);
