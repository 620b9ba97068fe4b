package io.synapse.identity;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import io.synapse.common.config.SynapseConfig;
import io.synapse.common.error.ProblemException;
import io.synapse.common.paging.Cursor;
import io.synapse.common.paging.KeysetQuery;
import io.synapse.common.paging.Page;
import io.synapse.common.paging.PageRequest;
import io.synapse.common.security.Actor;
import io.synapse.common.security.Role;
import io.synapse.telemetry.AuditRecorder;

/** Role-scoped JWTs that admins issue to people or services, revocable before they expire. */
@ApplicationScoped
public class IssuedTokenService {

    @Inject
    SynapseConfig config;

    @Inject
    TokenService tokens;


    @Inject
    AuditRecorder audit;

    public record Filter(UUID userId, String serviceName, Boolean active) {
    }

    @Transactional
    public IssuedTokenView issue(Actor actor, IssueTokenRequest request) {
        ApiKeyService.requireInteractive(actor);
        if ((request.userId() == null) == (request.serviceName() == null)) {
            throw ProblemException.unprocessable("user_id", "give exactly one of user_id and service_name");
        }
        Duration max = config.jwt().issuedTokenMaxTtl();
        if (request.ttl().isNegative() || request.ttl().isZero() || request.ttl().compareTo(max) > 0) {
            throw ProblemException.unprocessable("ttl", "must be positive and at most " + max);
        }
        IssuedToken record = new IssuedToken();
        record.jti = UUID.randomUUID();
        record.roles = request.roles().stream().map(Role::value).sorted().toArray(String[]::new);
        record.description = request.description();
        record.issuedBy = actor.userId();
        record.issuedAt = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        record.expiresAt = record.issuedAt.plus(request.ttl());
        String subject;
        String upn;
        if (request.userId() != null) {
            User user = User.findById(request.userId());
            if (user == null) {
                throw ProblemException.unprocessable("user_id", "no such user");
            }
            if (!user.isActive()) {
                throw ProblemException.unprocessable("user_id", "the user is suspended");
            }
            for (Role role : request.roles()) {
                if (!user.role.implies(role)) {
                    throw ProblemException.unprocessable("roles", "'" + role.value() + "' is above the user's role (" + user.role.value() + ")");
                }
            }
            record.userId = user.id;
            subject = user.id.toString();
            upn = user.email;
        } else {
            record.serviceName = request.serviceName();
            subject = TokenService.SERVICE_PREFIX + request.serviceName();
            upn = request.serviceName();
        }
        record.persist();
        TokenService.SignedToken signed = tokens.issuedToken(record.jti, subject, upn, request.roles(), record.expiresAt);
        IssuedTokenView view = IssuedTokenView.of(record);
        audit.event("token.issue").resource("issued_token", record.jti).newValues(view).record();
        return IssuedTokenView.withToken(record, signed.token());
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Page<IssuedTokenView> list(Filter filter, PageRequest page) {
        KeysetQuery query = KeysetQuery.create().eq("userId", filter.userId()).eq("serviceName", filter.serviceName());
        if (filter.active() != null) {
            query.where(filter.active() ? "revokedAt is null and expiresAt > :now" : "revokedAt is not null or expiresAt <= :now", "now", Instant.now());
        }
        query.after(page, "issuedAt", "jti");
        return Page.of(KeysetQuery.fetch(IssuedToken.<IssuedToken>find(query.hql(), query.params()), page), page.limit(),
                t -> Cursor.of(t.issuedAt, t.jti), IssuedTokenView::of);
    }

    @Transactional
    public void revoke(Actor actor, UUID jti) {
        IssuedToken record = IssuedToken.findById(jti);
        if (record == null) {
            throw ProblemException.notFound("issued_token", jti);
        }
        if (record.revokedAt != null) {
            return;
        }
        IssuedTokenView before = IssuedTokenView.of(record);
        record.revokedAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
        record.revokedBy = actor.userId();
        audit.event("token.revoke").resource("issued_token", jti).oldValues(before).newValues(IssuedTokenView.of(record)).record();
    }
}
