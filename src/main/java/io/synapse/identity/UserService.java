package io.synapse.identity;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import io.synapse.common.error.ProblemException;
import io.synapse.common.paging.Cursor;
import io.synapse.common.paging.KeysetQuery;
import io.synapse.common.paging.Page;
import io.synapse.common.paging.PageRequest;
import io.synapse.common.security.PasswordHasher;
import io.synapse.common.security.Role;
import io.synapse.telemetry.AuditRecorder;

/** Admin management of users. Every change writes its audit row in the same transaction. */
@ApplicationScoped
public class UserService {

    @Inject
    jakarta.enterprise.event.Event<UserDeleting> deleting;

    @Inject
    PasswordHasher hasher;

    @Inject
    AuditRecorder audit;

    public record Filter(Role role, UserStatus status, String q) {
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Page<UserView> list(Filter filter, PageRequest page) {
        String q = filter.q() == null || filter.q().isBlank() ? null : "%" + likeEscape(filter.q().trim().toLowerCase()) + "%";
        KeysetQuery query = KeysetQuery.create()
                .eq("role", filter.role())
                .eq("status", filter.status())
                .where("email like :q escape '\\' or lower(fullName) like :q escape '\\' or lower(username) like :q escape '\\'", "q", q)
                .after(page, "createdAt", "id");
        return Page.of(KeysetQuery.fetch(User.<User>find(query.hql(), query.params()), page), page.limit(),
                u -> Cursor.of(u.createdAt, u.id), UserView::of);
    }

    public UserView get(UUID id) {
        return UserView.of(find(id));
    }

    @Transactional
    public UserView create(UserCreate request) {
        return create(request, "user.create");
    }

    /** Also behind self-registration, audited as auth.register and attributed to the new user. */
    @Transactional
    public UserView create(UserCreate request, String auditAction) {
        requirePasswordBytes(request.password(), "password");
        User.lockEmail(request.email());
        if (User.emailTaken(request.email())) {
            throw ProblemException.conflict("A user with this e-mail already exists");
        }
        User user = new User();
        user.email = request.email();
        user.username = request.username();
        user.fullName = request.fullName();
        user.company = request.company();
        user.role = request.role() == null ? Role.VIEWER : request.role();
        user.status = request.status() == null ? UserStatus.ACTIVE : request.status();
        user.receiveEmail = request.receiveEmail() == null || request.receiveEmail();
        user.passwordHash = hasher.hash(request.password());
        // Self-registration proves nothing about the address (no e-mail is sent to it).
        user.selfRegistered = "auth.register".equals(auditAction);
        user.persist();
        UserView view = UserView.of(user);
        audit.event(auditAction).resource("user", user.id).newValues(view).userIfAbsent(user.id).record();
        return view;
    }

    @Transactional
    public UserView update(UUID id, UserUpdate request) {
        User user = find(id);
        UserView before = UserView.of(user);
        boolean losesAdmin = (request.role() != null && request.role() != Role.ADMIN)
                || request.status() == UserStatus.SUSPENDED;
        if (losesAdmin) {
            User.lockAdminLadder();
        }
        if (losesAdmin && user.isLastActiveAdmin()) {
            throw ProblemException.conflict("This is the last active admin; promote another admin first");
        }
        user.applyProfile(request.username(), request.fullName(), request.company(), request.receiveEmail());
        if (request.role() != null) {
            user.role = request.role();
        }
        if (request.rolePinned() != null) {
            user.rolePinned = request.rolePinned();
        }
        if (request.password() != null) {
            requirePasswordBytes(request.password(), "password");
            user.passwordHash = hasher.hash(request.password());
            UserSession.endAllOf(user.id, null, "password_changed");
        }
        if (request.status() != null && request.status() != user.status) {
            user.status = request.status();
            if (user.status == UserStatus.SUSPENDED) {
                UserSession.endAllOf(user.id, null, "user_suspended");
            }
        }
        user.persistAndFlush();
        UserView after = UserView.of(user);
        audit.event("user.update").resource("user", user.id).oldValues(before).newValues(after)
                .meta("password_reset", request.password() != null).record();
        return after;
    }

    /**
     * Hard delete. The database cascades to the user's sessions, refresh tokens, API keys and
     * issued tokens; audit rows stay, with user_id set to null and the actor kept in metadata.
     */
    @Transactional
    public void delete(UUID id) {
        User user = find(id);
        User.lockAdminLadder();
        if (user.isLastActiveAdmin()) {
            throw ProblemException.conflict("This is the last active admin; promote another admin first");
        }
        UserView before = UserView.of(user);
        audit.event("user.delete").resource("user", user.id).oldValues(before).record();
        deleting.fire(new UserDeleting(user.id));
        user.delete();
    }

    static User find(UUID id) {
        User user = id == null ? null : User.findById(id);
        if (user == null) {
            throw ProblemException.notFound("user", id);
        }
        return user;
    }

    static void requirePasswordBytes(String password, String field) {
        if (PasswordHasher.tooLong(password)) {
            throw ProblemException.invalidField(field, "must be at most " + PasswordHasher.MAX_BYTES + " bytes in UTF-8");
        }
    }

    static String likeEscape(String value) {
        return value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }
}
