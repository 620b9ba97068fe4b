package io.synapse.identity;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.agroal.api.AgroalDataSource;
import io.synapse.common.security.Role;

/**
 * The database half of every request's credential check, one statement per credential and no
 * transaction: the session (or issued token, or API key) and its user come back in a single row by
 * primary key or unique hash. The row carries the whole user, so /api/me answers from it without a
 * second read. Plain JDBC on purpose: an entity load would cost a transaction, a persistence context
 * and dirty checking on the path every request takes, for two lookups that never write.
 */
@ApplicationScoped
class CredentialLookup {

    private static final String USER_COLUMNS = """
            u.id, u.email, u.username, u.full_name, u.company, u.role, u.role_pinned, u.status, u.receive_email, u.oauth_provider,
            u.picture, u.token_usage, u.preferences::text, u.metadata::text, u.created_at, u.updated_at, u.last_login_at""";

    private static final String SESSION = "SELECT s.ended_at IS NULL, " + USER_COLUMNS
            + " FROM user_sessions s JOIN users u ON u.id = s.user_id WHERE s.id = ? AND u.id = ?";

    /** Service tokens have no user: the join is outer, and the user columns come back null. */
    private static final String ISSUED = "SELECT t.revoked_at IS NULL, " + USER_COLUMNS
            + " FROM issued_tokens t LEFT JOIN users u ON u.id = t.user_id AND u.id = ? WHERE t.jti = ?";

    private static final String API_KEY = "SELECT k.id, k.scopes, k.revoked_at, k.expires_at, " + USER_COLUMNS
            + " FROM api_keys k JOIN users u ON u.id = k.user_id WHERE k.key_hash = ?";

    /** A credential's state and its user as they are now. */
    record Found(boolean open, CurrentUser user) {
    }

    record FoundKey(UUID id, String[] scopes, Instant revokedAt, Instant expiresAt, CurrentUser user) {
        boolean usable(Instant now) {
            return revokedAt == null && (expiresAt == null || expiresAt.isAfter(now));
        }
    }

    @Inject
    AgroalDataSource dataSource;

    /** The login session, only if it belongs to this user. */
    Optional<Found> session(UUID sessionId, UUID userId) {
        return query(SESSION, statement -> {
            statement.setObject(1, sessionId);
            statement.setObject(2, userId);
        }, row -> new Found(row.getBoolean(1), user(row, 2)));
    }

    /** The issued token; its user only when userId is given and matches the token's. */
    Optional<Found> issued(UUID jti, UUID userId) {
        return query(ISSUED, statement -> {
            statement.setObject(1, userId);
            statement.setObject(2, jti);
        }, row -> new Found(row.getBoolean(1), user(row, 2)));
    }

    Optional<FoundKey> apiKey(String hash) {
        return query(API_KEY, statement -> statement.setString(1, hash), row -> {
            Array scopes = row.getArray(2);
            return new FoundKey(row.getObject(1, UUID.class), (String[]) scopes.getArray(), instant(row, 3), instant(row, 4), user(row, 5));
        });
    }

    private interface Binder {
        void bind(PreparedStatement statement) throws SQLException;
    }

    private interface Mapper<T> {
        T map(ResultSet row) throws SQLException;
    }

    private <T> Optional<T> query(String sql, Binder binder, Mapper<T> mapper) {
        try (Connection connection = dataSource.getConnection(); PreparedStatement statement = connection.prepareStatement(sql)) {
            binder.bind(statement);
            try (ResultSet row = statement.executeQuery()) {
                return row.next() ? Optional.of(mapper.map(row)) : Optional.empty();
            }
        } catch (SQLException e) {
            // The database is down or failing: the exception mapper answers 503 (as for any other query).
            throw new IllegalStateException("credential lookup failed", e);
        }
    }

    private static CurrentUser user(ResultSet row, int first) throws SQLException {
        UUID id = row.getObject(first, UUID.class);
        if (id == null) {
            return null;
        }
        int c = first;
        return new CurrentUser(id, row.getString(++c), row.getString(++c), row.getString(++c), row.getString(++c),
                Role.parse(row.getString(++c)), row.getBoolean(++c), UserStatus.parse(row.getString(++c)), row.getBoolean(++c), row.getString(++c),
                row.getString(++c), row.getLong(++c), row.getString(++c), row.getString(++c), instant(row, ++c), instant(row, ++c),
                instant(row, ++c));
    }

    private static Instant instant(ResultSet row, int column) throws SQLException {
        OffsetDateTime value = row.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }
}
