package io.synapse.identity;

import java.util.HashMap;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import io.synapse.common.error.ProblemException;
import io.synapse.common.paging.Cursor;
import io.synapse.common.paging.KeysetQuery;
import io.synapse.common.paging.Page;
import io.synapse.common.paging.PageRequest;
import io.synapse.common.security.Actor;
import io.synapse.common.security.Ownership;
import io.synapse.common.security.PasswordHasher;
import io.synapse.telemetry.AuditRecorder;

/** The caller's own profile, password and sessions (/api/me). */
@ApplicationScoped
public class ProfileService {

    @Inject
    PasswordHasher hasher;

    @Inject
    AuditRecorder audit;

    public UserView me(Actor actor) {
        return UserView.of(self(actor));
    }

    @Transactional
    public UserView update(Actor actor, ProfileUpdate request) {
        User user = self(actor);
        UserView before = UserView.of(user);
        if (request.newPassword() != null) {
            if (request.currentPassword() == null || !hasher.matches(request.currentPassword(), user.passwordHash)) {
                throw ProblemException.invalidField("current_password", "does not match your current password");
            }
            UserService.requirePasswordBytes(request.newPassword(), "new_password");
            user.passwordHash = hasher.hash(request.newPassword());
            // Whoever else holds a session of this account loses it; the caller keeps theirs.
            UserSession.endAllOf(user.id, actor.sessionId(), "password_changed");
        } else if (request.currentPassword() != null) {
            throw ProblemException.invalidField("new_password", "is required with current_password");
        }
        user.applyProfile(request.username(), request.fullName(), request.company(), request.receiveEmail());
        if (request.picture() != null) {
            user.picture = request.picture();
        }
        if (request.preferences() != null) {
            user.preferences = new HashMap<>(request.preferences());
        }
        user.persistAndFlush();
        UserView after = UserView.of(user);
        audit.event(request.newPassword() != null ? "me.password_change" : "me.update").resource("user", user.id)
                .oldValues(before).newValues(after).record();
        return after;
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Page<SessionView> sessions(Actor actor, PageRequest page) {
        KeysetQuery query = KeysetQuery.create().eq("userId", requireUser(actor)).after(page, "startedAt", "id");
        return Page.of(KeysetQuery.fetch(UserSession.<UserSession>find(query.hql(), query.params()), page), page.limit(),
                s -> Cursor.of(s.startedAt, s.id), s -> SessionView.of(s, actor.sessionId()));
    }

    @Transactional
    public void endSession(Actor actor, UUID sessionId) {
        UserSession found = UserSession.findById(sessionId);
        UserSession session = Ownership.require(found, found == null ? null : found.userId, actor, "session", sessionId);
        boolean wasActive = session.isActive();
        session.end("revoked");
        audit.event("session.end").resource("session", session.id).meta("was_active", wasActive).record();
    }

    private static User self(Actor actor) {
        return UserService.find(requireUser(actor));
    }

    private static UUID requireUser(Actor actor) {
        if (actor.userId() == null) {
            throw ProblemException.conflict("Service tokens have no user profile");
        }
        return actor.userId();
    }
}
