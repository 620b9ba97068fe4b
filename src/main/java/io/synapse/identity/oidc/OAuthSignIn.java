package io.synapse.identity.oidc;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.UriBuilder;

import org.jboss.logging.Logger;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.synapse.common.error.ProblemException;
import io.synapse.common.security.Actor;
import io.synapse.common.security.RateLimiter;
import io.synapse.common.security.SecretGenerator;
import io.synapse.common.security.Secrets;
import io.synapse.common.web.CurrentRequest;
import io.synapse.common.web.RequestInfo;
import io.synapse.identity.AuthOutcome;
import io.synapse.identity.AuthService;
import io.synapse.identity.TokenService;
import io.synapse.identity.TokenResponse;
import io.synapse.identity.User;
import io.synapse.telemetry.AuditRecorder;

/**
 * The authorization code flow with PKCE, state and nonce, for a frontend that calls REST:
 * <ol>
 * <li>authorize: the frontend sends the browser here with its own PKCE challenge; we remember a
 * state, a nonce and our PKCE verifier, and send the browser to the provider;</li>
 * <li>callback: the provider sends the browser back; the state is taken (it works once), the code
 * traded for the provider's tokens, the ID token checked, the account found or made, and the
 * browser sent to the frontend with a one-time code (never a token) or an OAuth error code;</li>
 * <li>handoff: the frontend trades that code and its PKCE verifier for our access and refresh
 * tokens, the same session model as a password login.</li>
 * </ol>
 * Every outcome, refusals with their reason included, leaves an audit row that commits.
 */
@ApplicationScoped
public class OAuthSignIn {

    private static final Logger LOG = Logger.getLogger(OAuthSignIn.class);

    static final String ID_TOKEN_TYPE = "urn:ietf:params:oauth:token-type:id_token";
    static final String ACCESS_TOKEN_TYPE = "urn:ietf:params:oauth:token-type:access_token";

    @Inject
    OidcConfig config;

    @Inject
    OidcProviders providers;

    @Inject
    ProviderHttp http;

    @Inject
    ProviderTokenVerifier verifier;

    @Inject
    OAuthAccounts accounts;

    @Inject
    AuthService auth;

    @Inject
    AuditRecorder audit;

    @Inject
    SecretGenerator secrets;

    @Inject
    RateLimiter rateLimiter;

    @Inject
    CurrentRequest currentRequest;

    List<ProviderView> providers(URI base) {
        return config.providers().entrySet().stream().filter(e -> e.getValue().enabled())
                .map(e -> new ProviderView(e.getKey(), e.getValue().displayName().orElse(e.getKey()),
                        e.getValue().kind().name().toLowerCase(java.util.Locale.ROOT), e.getValue().tokenExchange().enabled(),
                        UriBuilder.fromUri(base).path("api/auth/oauth/{provider}/authorize").build(e.getKey()).toString()))
                .sorted(java.util.Comparator.comparing(ProviderView::name)).toList();
    }

    /** Step 1: where to send the browser. */
    URI authorize(String name, String redirectUri, String codeChallenge, String challengeMethod, URI base) {
        rateLimit();
        ProviderEndpoints provider = providers.endpoints(name);
        String frontend = frontendRedirect(redirectUri);
        if (challengeMethod != null && !"S256".equals(challengeMethod)) {
            throw ProblemException.invalidField("code_challenge_method", "must be S256");
        }
        if (codeChallenge == null || !codeChallenge.matches("[A-Za-z0-9_-]{43}")) {
            throw ProblemException.invalidField("code_challenge", "must be the frontend's S256 PKCE challenge: 43 base64url characters");
        }
        String state = secrets.token(32);
        String nonce = secrets.token(32);
        String codeVerifier = secrets.token(48);
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        PendingSignIn pending = new PendingSignIn();
        pending.stateHash = Secrets.sha256Hex(state);
        pending.provider = name;
        pending.nonceHash = Secrets.sha256Hex(nonce);
        pending.codeVerifier = codeVerifier;
        pending.frontendRedirect = frontend;
        pending.frontendChallenge = codeChallenge;
        pending.createdAt = now;
        pending.expiresAt = now.plus(config.loginTimeout());
        QuarkusTransaction.requiringNew().run(() -> {
            PendingSignIn.deleteExpired(now);
            pending.persist();
        });
        UriBuilder to = UriBuilder.fromUri(provider.authorization())
                .queryParam("response_type", "code")
                .queryParam("client_id", provider.config().clientId())
                .queryParam("redirect_uri", callbackUri(name, base))
                .queryParam("scope", String.join(" ", provider.config().scopes()))
                .queryParam("state", state)
                .queryParam("code_challenge", s256(codeVerifier))
                .queryParam("code_challenge_method", "S256");
        if (provider.config().kind() == OidcConfig.Kind.OIDC) {
            to.queryParam("nonce", nonce);
        }
        return to.build();
    }

    /** Step 2: the provider sent the browser back. Returns where to send it next. */
    URI callback(String name, String code, String state, String error, URI base) {
        rateLimit();
        if (state == null || state.isEmpty()) {
            refuseNow(name, "the callback has no state");
        }
        Instant now = Instant.now();
        PendingSignIn pending = QuarkusTransaction.requiringNew().call(() -> PendingSignIn.take(Secrets.sha256Hex(state))).orElse(null);
        if (pending == null || !pending.provider.equals(name) || !pending.expiresAt.isAfter(now)) {
            refuseNow(name, pending == null ? "unknown or already used state" : !pending.provider.equals(name)
                    ? "state belongs to another provider" : "state expired");
        }
        URI frontend = URI.create(pending.frontendRedirect);
        try {
            if (error != null) {
                throw new SignInRefused(error.matches("[a-z_]{1,40}") ? error : "access_denied", 401, "the provider answered " + abbreviate(error));
            }
            if (code == null || code.isEmpty()) {
                throw new SignInRefused("invalid_request", 400, "the callback has no code");
            }
            ProviderEndpoints provider = providers.endpoints(name);
            Map<String, String> form = new LinkedHashMap<>();
            form.put("grant_type", "authorization_code");
            form.put("code", code);
            form.put("redirect_uri", callbackUri(name, base).toString());
            form.put("code_verifier", pending.codeVerifier);
            form.put("client_id", provider.config().clientId());
            Map<String, Object> tokens;
            try {
                tokens = http.postForm(provider.token(), form, provider.config().clientId(), provider.config().clientSecret().orElse(null));
            } catch (ProviderHttp.ProviderRefusal refusal) {
                throw new SignInRefused("invalid_grant", 401, "the provider refused the code: " + abbreviate(refusal.error));
            }
            ProviderIdentity who = identify(provider, tokens, pending.nonceHash);
            return QuarkusTransaction.requiringNew().call(() -> {
                try {
                    User user = accounts.resolve(provider, who);
                    String handoff = secrets.token(32);
                    SignInHandoff row = new SignInHandoff();
                    row.codeHash = Secrets.sha256Hex(handoff);
                    row.userId = user.id;
                    row.provider = name;
                    row.frontendChallenge = pending.frontendChallenge;
                    row.createdAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
                    row.expiresAt = row.createdAt.plus(config.handoffTimeout());
                    SignInHandoff.deleteExpired(row.createdAt);
                    row.persist();
                    audit.event("auth.oauth.sign_in").user(user.id).resource("user", user.id).meta("provider", name)
                            .meta("subject", who.subject()).status(200).record();
                    return UriBuilder.fromUri(frontend).queryParam("code", handoff).queryParam("provider", name).build();
                } catch (SignInRefused refused) {
                    auditRefusal(name, who, refused);
                    return frontendError(frontend, refused.error);
                }
            });
        } catch (SignInRefused refused) {
            QuarkusTransaction.requiringNew().run(() -> auditRefusal(name, null, refused));
            return frontendError(frontend, refused.error);
        } catch (ProblemException unavailable) {
            // The provider could not be reached or is misconfigured: the frontend learns it may retry.
            QuarkusTransaction.requiringNew().run(() -> auditRefusal(name, null,
                    new SignInRefused("temporarily_unavailable", unavailable.problem().status(), unavailable.problem().detail())));
            return frontendError(frontend, "temporarily_unavailable");
        } catch (RuntimeException failure) {
            // Anything else (the database, say): the browser still goes back to the frontend, and the
            // failure is on record. The state is spent either way; the user starts again.
            LOG.errorf(failure, "Sign-in through %s failed", name);
            QuarkusTransaction.requiringNew().run(() -> auditRefusal(name, null,
                    new SignInRefused("temporarily_unavailable", 500, "internal failure: " + failure.getClass().getSimpleName())));
            return frontendError(frontend, "temporarily_unavailable");
        }
    }

    /** Step 3: the frontend's one-time code and PKCE verifier for our tokens. */
    TokenResponse handoff(String code, String codeVerifier) {
        rateLimit();
        RequestInfo info = currentRequest.info();
        return AuthOutcome.unwrap(QuarkusTransaction.requiringNew().call(() -> {
            SignInHandoff handoff = SignInHandoff.take(Secrets.sha256Hex(code)).orElse(null);
            if (handoff == null || !handoff.expiresAt.isAfter(Instant.now())) {
                audit.event("auth.oauth.handoff").failure(401, handoff == null ? "unknown or already used code" : "code expired").record();
                return new AuthOutcome.Denied(ProblemException.unauthorized("Invalid or expired sign-in code"));
            }
            if (!Secrets.sameSecret(handoff.frontendChallenge, s256(codeVerifier))) {
                // The code is spent all the same: whoever holds it without the verifier gets no second guess.
                audit.event("auth.oauth.handoff").user(handoff.userId).resource("user", handoff.userId)
                        .meta("provider", handoff.provider).failure(401, "PKCE verifier does not match").record();
                return new AuthOutcome.Denied(ProblemException.unauthorized("Invalid or expired sign-in code"));
            }
            User user = User.findById(handoff.userId, jakarta.persistence.LockModeType.PESSIMISTIC_WRITE);
            if (!user.isActive()) {
                audit.event("auth.oauth.handoff").user(user.id).resource("user", user.id).failure(403, "account suspended").record();
                return new AuthOutcome.Denied(ProblemException.forbidden("This account is suspended"));
            }
            TokenResponse response = auth.openSession(user, info);
            audit.event("auth.oauth.handoff").user(user.id).resource("session", response.sessionId())
                    .meta("provider", handoff.provider).status(200).record();
            return new AuthOutcome.Granted(response);
        }));
    }

    /**
     * A trusted service trades a provider's token for ours (RFC 8693's idea, with our JSON body). The
     * service calls with its own admin-issued service token, whose name the provider's
     * token-exchange.services must list.
     */
    TokenResponse tokenExchange(Actor caller, String name, String subjectToken) {
        rateLimit();
        OidcConfig.Provider settings = providers.configured(name);
        String service = caller != null && caller.userId() == null && caller.subject().startsWith(TokenService.SERVICE_PREFIX)
                ? caller.subject().substring(TokenService.SERVICE_PREFIX.length()) : null;
        String refusal = !settings.tokenExchange().enabled() ? "token exchange is off for this provider"
                : settings.kind() == OidcConfig.Kind.OAUTH2 ? "a plain OAuth 2 provider's tokens cannot be checked as issued for us"
                : service == null ? "the caller is not a service token"
                : !settings.tokenExchange().services().orElse(List.of()).contains(service) ? "service '" + service + "' is not allowed"
                : null;
        if (refusal != null) {
            QuarkusTransaction.requiringNew().run(() -> auditExchange(name, null, new SignInRefused("access_denied", 403, refusal)));
            throw ProblemException.forbidden("Token exchange with the sign-in provider '" + name + "' is not open to this caller");
        }
        ProviderEndpoints provider = providers.endpoints(name);
        ProviderIdentity who;
        try {
            who = exchangeIdentity(provider, subjectToken);
        } catch (SignInRefused refused) {
            QuarkusTransaction.requiringNew().run(() -> auditExchange(name, null, refused));
            throw ProblemException.unauthorized("The presented token was refused: " + refused.reason());
        }
        RequestInfo info = currentRequest.info();
        return AuthOutcome.unwrap(QuarkusTransaction.requiringNew().call(() -> {
            try {
                User user = accounts.resolve(provider, who);
                TokenResponse response = auth.openSession(user, info);
                audit.event("auth.oauth.token_exchange").user(user.id).resource("session", response.sessionId())
                        .meta("provider", name).meta("subject", who.subject()).status(200).record();
                return new AuthOutcome.Granted(response);
            } catch (SignInRefused refused) {
                auditExchange(name, who, refused);
                return new AuthOutcome.Denied(new ProblemException(io.synapse.common.error.Problem.of(refused.status,
                        refused.status == 403 ? "forbidden" : "unauthorized", refused.status == 403 ? "Forbidden" : "Unauthorized",
                        "The sign-in was refused (" + refused.error + ")")));
            }
        }));
    }

    private ProviderIdentity exchangeIdentity(ProviderEndpoints provider, String token) {
        OidcConfig.Provider settings = provider.config();
        List<String> audiences = settings.tokenExchange().audiences().filter(a -> !a.isEmpty()).orElse(List.of(settings.clientId()));
        return ProviderIdentity.of(provider.name(), settings, verifier.verify(provider, token, audiences, null));
    }

    private ProviderIdentity identify(ProviderEndpoints provider, Map<String, Object> tokens, String nonceHash) {
        OidcConfig.Provider settings = provider.config();
        if (settings.kind() == OidcConfig.Kind.OAUTH2) {
            if (!(tokens.get("access_token") instanceof String access)) {
                throw new SignInRefused("invalid_grant", 401, "the provider's token answer has no access token");
            }
            return ProviderIdentity.of(provider.name(), settings, userinfo(provider, access));
        }
        if (!(tokens.get("id_token") instanceof String idToken)) {
            throw new SignInRefused("invalid_grant", 401, "the provider's token answer has no ID token");
        }
        return ProviderIdentity.of(provider.name(), settings, verifier.verify(provider, idToken, List.of(settings.clientId()), nonceHash));
    }

    private Map<String, Object> userinfo(ProviderEndpoints provider, String accessToken) {
        try {
            return http.getJson(provider.userinfo(), accessToken);
        } catch (ProviderHttp.ProviderRefusal refusal) {
            throw new SignInRefused("the provider's userinfo endpoint refused the access token: " + abbreviate(refusal.error));
        }
    }

    private String frontendRedirect(String requested) {
        List<String> allowed = config.frontendRedirectUris().orElse(List.of());
        if (allowed.isEmpty()) {
            throw ProblemException.serviceUnavailable("No frontend redirect URI is configured (synapse.oidc.frontend-redirect-uris)");
        }
        if (requested == null) {
            return allowed.get(0);
        }
        if (!allowed.contains(requested)) {
            throw ProblemException.invalidField("redirect_uri", "is not one of this server's frontend redirect URIs");
        }
        return requested;
    }

    /**
     * Where the provider sends the browser back. Without synapse.oidc.public-url it is the request's
     * own URL; a forged Host header then gains nothing, as the provider only sends codes to the
     * callbacks registered with it, and the code is traded with the same URL.
     */
    URI callbackUri(String name, URI base) {
        URI root = config.publicUrl().map(URI::create).orElse(base);
        return UriBuilder.fromUri(root).path("api/auth/oauth/{provider}/callback").build(name);
    }

    private void refuseNow(String name, String reason) {
        QuarkusTransaction.requiringNew().run(() -> audit.event("auth.oauth.sign_in").meta("provider", name).failure(400, reason).record());
        throw new ProblemException(io.synapse.common.error.Problem.of(400, "invalid-state", "Invalid sign-in state",
                "This sign-in is unknown, used or expired; start again"));
    }

    private void auditRefusal(String name, ProviderIdentity who, SignInRefused refused) {
        auditRefusal("auth.oauth.sign_in", name, who, refused);
    }

    private void auditExchange(String name, ProviderIdentity who, SignInRefused refused) {
        auditRefusal("auth.oauth.token_exchange", name, who, refused);
    }

    private void auditRefusal(String action, String name, ProviderIdentity who, SignInRefused refused) {
        var event = audit.event(action).meta("provider", name).meta("error", refused.error);
        if (who != null) {
            event.meta("subject", who.subject()).meta("email", who.email());
        }
        event.failure(refused.status, refused.reason()).record();
    }

    private static URI frontendError(URI frontend, String error) {
        return UriBuilder.fromUri(frontend).queryParam("error", error).build();
    }

    private void rateLimit() {
        long wait = rateLimiter.hit("oauth:" + currentRequest.info().ipText(), config.rateLimit(), Duration.ofMinutes(1));
        if (wait > 0) {
            throw ProblemException.tooManyRequests("Too many sign-in attempts from this address; retry later", wait);
        }
    }

    static String s256(String verifier) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Provider-supplied text for the audit row: short, and nothing a text column refuses. */
    private static String abbreviate(String text) {
        String clean = text.replaceAll("[\\p{Cntrl}\\x{D800}-\\x{DFFF}]", "?");
        return clean.length() <= 100 ? clean : clean.substring(0, 100) + "…";
    }

}
