-- The credential check of an API key (CredentialLookup); its usage is counted in memory, not here.
SELECT k.id, k.scopes, k.revoked_at, k.expires_at, u.id, u.email, u.username, u.full_name, u.company, u.role, u.status,
       u.receive_email, u.oauth_provider, u.picture, u.token_usage, u.preferences::text, u.metadata::text, u.created_at,
       u.updated_at, u.last_login_at
FROM api_keys k JOIN users u ON u.id = k.user_id WHERE k.key_hash = :hash;
