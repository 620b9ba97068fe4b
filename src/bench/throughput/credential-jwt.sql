-- The credential check of a login's access token (CredentialLookup): session and user in one row.
SELECT s.ended_at IS NULL, u.id, u.email, u.username, u.full_name, u.company, u.role, u.status, u.receive_email,
       u.oauth_provider, u.picture, u.token_usage, u.preferences::text, u.metadata::text, u.created_at, u.updated_at,
       u.last_login_at
FROM user_sessions s JOIN users u ON u.id = s.user_id WHERE s.id = :session AND u.id = :user;
