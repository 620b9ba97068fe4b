package io.synapse.identity.oidc;

import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;

import io.synapse.common.persistence.TransactionLock;
import io.synapse.common.security.Role;
import io.synapse.identity.User;
import io.synapse.identity.UserStatus;
import io.synapse.telemetry.AuditRecorder;

/**
 * Which account a provider's identity signs in to: the one linked to (provider, subject); else the
 * account with the same e-mail, linked only when the provider verified that e-mail, the account has
 * no link yet and did not register itself; else a new account, when the provider allows sign-up and
 * verified the e-mail. Then the provider's role rules set the role, unless an admin pinned it. A
 * refusal is decided before anything is changed. The account's row is locked, so that an admin's
 * suspension or pin committed meanwhile is neither missed nor overwritten.
 */
@ApplicationScoped
class OAuthAccounts {

    @Inject
    AuditRecorder audit;

    /** A refusal is thrown before anything is changed, so the caller's transaction may still commit its audit row. */
    @Transactional(value = Transactional.TxType.MANDATORY, dontRollbackOn = SignInRefused.class)
    User resolve(ProviderEndpoints provider, ProviderIdentity who) {
        // Two first sign-ins of one person at once must not both create (or link) an account.
        TransactionLock.acquire(User.getEntityManager(), "oauth\n" + provider.name() + "\n" + who.subject());
        User user = User.<User>find("oauthProvider = ?1 and oauthId = ?2", provider.name(), who.subject())
                .withLock(LockModeType.PESSIMISTIC_WRITE).firstResult();
        if (user != null) {
            requireActive(user);
        } else {
            user = linkOrCreate(provider, who);
        }
        applyRoleRules(provider, who, user);
        return user;
    }

    private User linkOrCreate(ProviderEndpoints provider, ProviderIdentity who) {
        if (who.email() == null) {
            throw new SignInRefused("access_denied", 403, "the provider gave no e-mail for an unknown subject");
        }
        User.lockEmail(who.email());
        User existing = User.<User>find("email", User.normalizeEmail(who.email())).withLock(LockModeType.PESSIMISTIC_WRITE).firstResult();
        if (existing != null) {
            if (!who.emailVerified()) {
                throw new SignInRefused("access_denied", 403, "e-mail matches an existing account but the provider has not verified it");
            }
            if (!provider.config().linkByVerifiedEmail()) {
                throw new SignInRefused("access_denied", 403, "e-mail matches an existing account and linking by e-mail is off for this provider");
            }
            if (existing.oauthProvider != null) {
                throw new SignInRefused("access_denied", 403, "the account with this e-mail is already linked to a provider");
            }
            if (existing.selfRegistered && existing.passwordHash != null) {
                throw new SignInRefused("access_denied", 403,
                        "the account with this e-mail registered itself, unverified: whoever registered it may hold its password");
            }
            requireActive(existing);
            existing.oauthProvider = provider.name();
            existing.oauthId = who.subject();
            audit.event("auth.oauth.link").user(existing.id).resource("user", existing.id)
                    .meta("provider", provider.name()).meta("subject", who.subject()).status(200).record();
            return existing;
        }
        if (!provider.config().allowSignup()) {
            throw new SignInRefused("access_denied", 403, "no account for this person and sign-up is off for this provider");
        }
        if (!who.emailVerified()) {
            // An account made on an unverified address would squat it: its owner could never sign up or be linked.
            throw new SignInRefused("access_denied", 403, "no account for this person and the provider has not verified their e-mail");
        }
        User created = new User();
        created.email = who.email();
        created.fullName = who.name();
        created.role = RoleMapping.roleFor(provider.config(), who);
        created.status = UserStatus.ACTIVE;
        created.oauthProvider = provider.name();
        created.oauthId = who.subject();
        created.persist();
        audit.event("auth.oauth.create").user(created.id).resource("user", created.id)
                .newValues(Map.of("email", created.email, "role", created.role.value(), "provider", provider.name())).status(201).record();
        return created;
    }

    private void applyRoleRules(ProviderEndpoints provider, ProviderIdentity who, User user) {
        Role mapped = RoleMapping.roleFor(provider.config(), who);
        if (mapped == user.role) {
            return;
        }
        if (user.rolePinned) {
            refusedMapping(provider, user, mapped, "role pinned by an admin");
            return;
        }
        if (user.role == Role.ADMIN) {
            User.lockAdminLadder();
            if (user.isLastActiveAdmin()) {
                refusedMapping(provider, user, mapped, "last active admin");
                return;
            }
        }
        audit.event("auth.oauth.role_mapped").user(user.id).resource("user", user.id).meta("provider", provider.name())
                .oldValues(Map.of("role", user.role.value())).newValues(Map.of("role", mapped.value())).status(200).record();
        user.role = mapped;
    }

    private void refusedMapping(ProviderEndpoints provider, User user, Role mapped, String reason) {
        audit.event("auth.oauth.role_mapped").user(user.id).resource("user", user.id).meta("provider", provider.name())
                .meta("mapped_role", mapped.value()).meta("kept_role", user.role.value()).failure(409, reason).record();
    }

    private static void requireActive(User user) {
        if (!user.isActive()) {
            throw new SignInRefused("account_suspended", 403, "account suspended");
        }
    }
}
