package io.synapse.identity;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.PrePersist;
import jakarta.persistence.PreUpdate;
import jakarta.persistence.Table;

import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import io.synapse.common.persistence.TransactionLock;
import io.synapse.common.security.Role;

/** A person who signs in. Seed flags is_admin/is_active are derived from role and status. */
@Entity
@Table(name = "users")
public class User extends PanacheEntityBase {

    @Id
    public UUID id;

    /** Stored lower-cased; the unique index is on lower(email) as a second line of defence. */
    public String email;

    public String username;

    public String fullName;

    public String company;

    public String passwordHash;

    public Role role = Role.VIEWER;

    /** Set by an admin: sign-in role mapping leaves this user's role alone. */
    public boolean rolePinned;

    /** Made by self-registration: nobody verified the e-mail, so no provider links to this account by it. */
    public boolean selfRegistered;

    public UserStatus status = UserStatus.ACTIVE;

    public boolean receiveEmail = true;

    public String oauthProvider;

    public String oauthId;

    public String picture;

    public long tokenUsage;

    @JdbcTypeCode(SqlTypes.JSON)
    public Map<String, Object> preferences = new HashMap<>();

    @JdbcTypeCode(SqlTypes.JSON)
    public Map<String, Object> metadata = new HashMap<>();

    public Instant createdAt;

    public Instant updatedAt;

    public Instant lastLoginAt;

    public static String normalizeEmail(String email) {
        return email == null ? null : email.trim().toLowerCase(Locale.ROOT);
    }

    public static Optional<User> findByEmail(String email) {
        return find("email", normalizeEmail(email)).firstResultOptional();
    }

    /**
     * Serialises whoever creates or links an account for this e-mail (registration, admin creation,
     * a provider's first sign-in) until the transaction ends, so none of them meets the unique index.
     */
    public static void lockEmail(String email) {
        TransactionLock.acquire(getEntityManager(), "email\n" + normalizeEmail(email));
    }

    /**
     * Serialises every change that can take the admin role away (demotion, suspension, deletion,
     * a provider's role rules), so that two at once cannot both see the other admin and leave none.
     */
    public static void lockAdminLadder() {
        TransactionLock.acquire(getEntityManager(), "synapse admins");
    }

    public static boolean emailTaken(String email) {
        return count("email", normalizeEmail(email)) > 0;
    }

    /** The profile fields a user and an admin may both change; null leaves a field as it is. */
    public void applyProfile(String newUsername, String newFullName, String newCompany, Boolean newReceiveEmail) {
        if (newUsername != null) {
            username = newUsername;
        }
        if (newFullName != null) {
            fullName = newFullName;
        }
        if (newCompany != null) {
            company = newCompany;
        }
        if (newReceiveEmail != null) {
            receiveEmail = newReceiveEmail;
        }
    }

    public boolean isActive() {
        return status == UserStatus.ACTIVE;
    }

    /** Active admins other than this one: the last one must not lock everybody out. */
    public boolean isLastActiveAdmin() {
        return role == Role.ADMIN && status == UserStatus.ACTIVE
                && count("role = ?1 and status = ?2 and id <> ?3", Role.ADMIN, UserStatus.ACTIVE, id) == 0;
    }

    @PrePersist
    void onCreate() {
        if (id == null) {
            id = UUID.randomUUID();
        }
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        createdAt = now;
        updatedAt = now;
        email = normalizeEmail(email);
    }

    @PreUpdate
    void onUpdate() {
        updatedAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
        email = normalizeEmail(email);
    }
}
