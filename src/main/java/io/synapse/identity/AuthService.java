package io.synapse.identity;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.synapse.telemetry.settings.SettingCatalog;
import io.synapse.telemetry.settings.Settings;
import io.synapse.common.config.SynapseConfig;
import io.synapse.common.error.ProblemException;
import io.synapse.common.security.Actor;
import io.synapse.common.security.PasswordHasher;
import io.synapse.common.security.SecretGenerator;
import io.synapse.common.security.RateLimiter;
import io.synapse.common.security.Role;
import io.synapse.common.security.Secrets;
import io.synapse.common.web.CurrentRequest;
import io.synapse.common.web.RequestInfo;
import io.synapse.telemetry.AuditRecorder;

/**
 * Login, refresh rotation, logout and self-registration. Failures that must leave a trace
 * (wrong password, reused refresh token) are decided inside a transaction that commits, and
 * only then turned into an error, so the audit row and any revocation survive the 401.
 */
@ApplicationScoped
public class AuthService {

    /** Same body for unknown e-mail and wrong password, so the answer reveals no account. */
    static final String BAD_CREDENTIALS = "Invalid e-mail or password";

    @Inject
    SynapseConfig config;

    @Inject
    PasswordHasher hasher;

    @Inject
    SecretGenerator secrets;

    @Inject
    TokenService tokens;

    @Inject
    RateLimiter rateLimiter;

    /** The rate limits are run-time settings (/api/admin/config). */
    @Inject
    Settings settings;

    @Inject
    AuditRecorder audit;

    @Inject
    CurrentRequest currentRequest;

    @Inject
    UserService users;

    public TokenResponse login(LoginRequest request) {
        RequestInfo info = currentRequest.info();
        String email = User.normalizeEmail(request.email());
        long wait = rateLimiter.hit("login:" + info.ipText() + ":" + email, (int) settings.number(SettingCatalog.LOGIN_RATE_LIMIT), config.auth().loginRateWindow());
        if (wait > 0) {
            audit.event("auth.login").meta("email", email).failure(429, "rate limited").record();
            throw ProblemException.tooManyRequests("Too many login attempts; retry later", wait);
        }
        return AuthOutcome.unwrap(QuarkusTransaction.requiringNew().call(() -> attemptLogin(email, request.password(), info)));
    }

    private AuthOutcome attemptLogin(String email, String password, RequestInfo info) {
        User user = User.findByEmail(email).orElse(null);
        if (user == null) {
            hasher.spendEqualTime();
            audit.event("auth.login").meta("email", email).failure(401, "unknown e-mail").record();
            return new AuthOutcome.Denied(ProblemException.unauthorized(BAD_CREDENTIALS));
        }
        if (user.passwordHash == null) {
            // Signs in through a provider only; the answer is the same as for a wrong password.
            hasher.spendEqualTime();
            audit.event("auth.login").user(user.id).resource("user", user.id).meta("email", email)
                    .failure(401, "account has no password (signs in through " + user.oauthProvider + ")").record();
            return new AuthOutcome.Denied(ProblemException.unauthorized(BAD_CREDENTIALS));
        }
        if (!hasher.matches(password, user.passwordHash)) {
            audit.event("auth.login").user(user.id).resource("user", user.id).meta("email", email)
                    .failure(401, PasswordHasher.tooLong(password) ? "password over 72 bytes" : "wrong password").record();
            return new AuthOutcome.Denied(ProblemException.unauthorized(BAD_CREDENTIALS));
        }
        if (!user.isActive()) {
            audit.event("auth.login").user(user.id).resource("user", user.id).failure(403, "account suspended").record();
            return new AuthOutcome.Denied(ProblemException.forbidden("This account is suspended"));
        }
        TokenResponse response = openSession(user, info);
        audit.event("auth.login").user(user.id).resource("session", response.sessionId()).status(200).record();
        return new AuthOutcome.Granted(response);
    }

    /**
     * A new login session for a user already checked (password or a sign-in provider), with its
     * first token pair. Runs in the caller's transaction.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public TokenResponse openSession(User user, RequestInfo info) {
        user.lastLoginAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
        UserSession session = new UserSession();
        session.userId = user.id;
        session.ipAddress = info.ip();
        session.userAgent = info.userAgent();
        session.persist();
        return issuePair(user, session, info).response();
    }

    public TokenResponse refresh(RefreshRequest request) {
        RequestInfo info = currentRequest.info();
        return AuthOutcome.unwrap(QuarkusTransaction.requiringNew().call(() -> attemptRefresh(request.refreshToken(), info)));
    }

    private AuthOutcome attemptRefresh(String presented, RequestInfo info) {
        RefreshToken token = RefreshToken.findByHashForUpdate(Secrets.sha256Hex(presented)).orElse(null);
        if (token == null) {
            audit.event("auth.refresh").failure(401, "unknown refresh token").record();
            return new AuthOutcome.Denied(ProblemException.unauthorized("Invalid refresh token"));
        }
        UserSession session = UserSession.findById(token.sessionId);
        if (token.isSpent()) {
            // A rotated token came back: whoever holds the family may be an attacker. End it all.
            session.end("token_reuse");
            audit.event("auth.refresh").user(token.userId).resource("session", session.id)
                    .failure(401, "refresh token reuse: family revoked").record();
            return new AuthOutcome.Denied(ProblemException.unauthorized("Invalid refresh token"));
        }
        if (!token.expiresAt.isAfter(Instant.now()) || !session.isActive()) {
            audit.event("auth.refresh").user(token.userId).resource("session", session.id).failure(401, "expired or session ended").record();
            return new AuthOutcome.Denied(ProblemException.unauthorized("Invalid refresh token"));
        }
        User user = User.findById(token.userId);
        if (!user.isActive()) {
            session.end("user_suspended");
            audit.event("auth.refresh").user(user.id).resource("session", session.id).failure(403, "account suspended").record();
            return new AuthOutcome.Denied(ProblemException.forbidden("This account is suspended"));
        }
        session.lastSeenAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
        IssuedPair pair = issuePair(user, session, info);
        token.replacedBy = pair.refreshId();
        token.revokedAt = session.lastSeenAt;
        audit.event("auth.refresh").user(user.id).resource("session", session.id).status(200).record();
        return new AuthOutcome.Granted(pair.response());
    }

    private record IssuedPair(TokenResponse response, UUID refreshId) {
    }

    private IssuedPair issuePair(User user, UserSession session, RequestInfo info) {
        String secret = secrets.token(32);
        RefreshToken refresh = new RefreshToken();
        refresh.userId = user.id;
        refresh.sessionId = session.id;
        refresh.tokenHash = Secrets.sha256Hex(secret);
        refresh.expiresAt = Instant.now().plus(config.jwt().refreshTokenTtl()).truncatedTo(ChronoUnit.MICROS);
        if (info.userAgent() != null) {
            refresh.deviceInfo = Map.of("user_agent", info.userAgent());
        }
        refresh.persist();
        TokenService.SignedToken access = tokens.accessToken(user, session.id);
        return new IssuedPair(new TokenResponse(access.token(), "Bearer", config.jwt().accessTokenTtl().toSeconds(),
                access.expiresAt(), secret, refresh.expiresAt, session.id, UserView.of(user)), refresh.id);
    }

    @Transactional
    public void logout(Actor actor) {
        if (actor.sessionId() == null) {
            throw ProblemException.conflict("Only a login session can log out; this credential has none");
        }
        UserSession session = UserSession.findById(actor.sessionId());
        session.end("logout");
        audit.event("auth.logout").resource("session", session.id).record();
    }

    @Transactional
    public UserView register(RegisterRequest request) {
        if (!config.auth().registrationEnabled()) {
            throw ProblemException.forbidden("Self-registration is disabled on this server");
        }
        return users.create(new UserCreate(request.email(), request.password(), null, request.fullName(), request.company(),
                Role.VIEWER, UserStatus.ACTIVE, true), "auth.register");
    }

}
