package io.synapse.identity.oidc;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.synapse.common.security.Role;

/**
 * Sign-in through OAuth 2 / OpenID Connect providers ({@code synapse.oidc.*}). Each provider has a
 * name of its own choosing, which is the {@code {provider}} of the sign-in URLs and what
 * {@code users.oauth_provider} records.
 */
@ConfigMapping(prefix = "synapse.oidc")
public interface OidcConfig {

    Map<String, Provider> providers();

    /**
     * Where the frontend may ask to be sent back after a sign-in, matched exactly (never an open
     * redirect). The first one is used when the frontend names none; with none, sign-in is refused.
     */
    Optional<List<String>> frontendRedirectUris();

    /**
     * This API's public base URL (https://api.example.com), from which the callback registered at
     * each provider is made: {public-url}/api/auth/oauth/{provider}/callback. Absent: the URL the
     * authorize request came in on, which behind a proxy needs quarkus.http.proxy settings.
     */
    Optional<String> publicUrl();

    /** How long a user may take at the provider before the sign-in's state expires. */
    @WithDefault("10m")
    Duration loginTimeout();

    /** How long the frontend has to trade its one-time sign-in code for tokens. */
    @WithDefault("60s")
    Duration handoffTimeout();

    /** Sign-in steps (authorize, callback, code and token exchange) one client address may start per minute. */
    @WithDefault("30")
    int rateLimit();

    /** Connect and read timeout of every call to a provider (discovery, keys, token, userinfo). */
    @WithDefault("10s")
    Duration timeout();

    /** Tolerated clock difference when checking a provider token's exp, iat and nbf. */
    @WithDefault("60s")
    Duration clockSkew();

    interface Provider {

        @WithDefault("true")
        boolean enabled();

        /** What the frontend shows on the button; defaults to the provider's name. */
        Optional<String> displayName();

        /**
         * {@code oidc}: an OpenID Connect provider, whose ID token (signature, issuer, audience,
         * expiry, nonce) proves who signed in. {@code oauth2}: plain OAuth 2 (GitHub style), whose
         * userinfo endpoint, called with the access token, says who signed in.
         */
        @WithDefault("oidc")
        Kind kind();

        /** The issuer; for {@code oidc}, its /.well-known/openid-configuration supplies the endpoints not set here. */
        Optional<String> issuer();

        Optional<String> authorizationEndpoint();

        Optional<String> tokenEndpoint();

        Optional<String> jwksUri();

        Optional<String> userinfoEndpoint();

        String clientId();

        /** From a Kubernetes Secret, through an environment variable (README). */
        Optional<String> clientSecret();

        @WithDefault("openid,email,profile")
        List<String> scopes();

        Claims claims();

        /**
         * Treat every e-mail this provider gives as verified, for a provider that never hands out an
         * unverified one but has no claim saying so (GitHub's /user shows only a verified address).
         */
        @WithDefault("false")
        boolean trustEmail();

        /** Create an account on a first sign-in of someone we do not know, when the provider verified their e-mail. */
        @WithDefault("false")
        boolean allowSignup();

        /** Link a first sign-in to the existing account with the same e-mail, when the provider says it is verified. */
        @WithDefault("true")
        boolean linkByVerifiedEmail();

        /** The role of a user no rule matches, at creation and at every later sign-in. */
        @WithDefault("viewer")
        Role defaultRole();

        /** Claim-to-role rules; a user gets the highest role any rule grants, else the default role. */
        Optional<List<RoleRule>> roleRules();

        TokenExchange tokenExchange();
    }

    enum Kind {
        OIDC, OAUTH2
    }

    interface Claims {
        @WithDefault("sub")
        String subject();

        @WithDefault("email")
        String email();

        /** A provider without such a claim never vouches for an e-mail: its users are never linked by e-mail. */
        @WithDefault("email_verified")
        String emailVerified();

        @WithDefault("name")
        String name();
    }

    /**
     * {@code claim} names a claim (a string or a list of strings: groups, roles, hd); the rule
     * matches when it equals {@code value} or holds it. The pseudo-claim {@code email_domain} is
     * the part of a verified e-mail after the @.
     */
    interface RoleRule {
        String claim();

        String value();

        Role role();
    }

    /** A trusted service trading a provider's ID token or JWT access token for ours. */
    interface TokenExchange {
        @WithDefault("false")
        boolean enabled();

        /** Audiences a presented token may carry (and the parties it may have been issued to); empty means the client id. */
        Optional<List<String>> audiences();

        /**
         * The services (names of admin-issued service tokens, POST /api/admin/tokens) that may trade
         * tokens here; they call with their service token. None: nobody may.
         */
        Optional<List<String>> services();
    }
}
