package io.synapse.common.security;

import java.util.Collection;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * The role ladder: viewer < rep < manager < admin, each role implying the ones below it.
 * Declaration order is the ladder order.
 */
public enum Role {
    VIEWER, REP, MANAGER, ADMIN;

    @JsonValue
    public String value() {
        return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static Role parse(String value) {
        if (value != null) {
            for (Role role : values()) {
                if (role.value().equals(value)) {
                    return role;
                }
            }
        }
        throw new IllegalArgumentException("unknown role '" + value + "'; expected one of viewer, rep, manager, admin");
    }

    public boolean implies(Role other) {
        return ordinal() >= other.ordinal();
    }

    /** This role and every role below it. */
    public Set<Role> withImplied() {
        return EnumSet.range(VIEWER, this);
    }

    /** The roles a grant (token groups, key scopes) confers, capped by what its owner holds now. */
    public static Set<String> effective(Collection<Role> granted, Role ownerRole) {
        Set<String> names = new TreeSet<>();
        for (Role role : granted) {
            for (Role implied : role.withImplied()) {
                if (ownerRole == null || ownerRole.implies(implied)) {
                    names.add(implied.value());
                }
            }
        }
        return names;
    }

    public static Set<String> expand(Collection<Role> granted) {
        return effective(granted, null);
    }

    /** Highest role in a set of role names, null when none is known. */
    public static Role highest(Collection<String> names) {
        Role top = null;
        for (String name : names) {
            for (Role role : values()) {
                if (role.value().equals(name) && (top == null || role.implies(top))) {
                    top = role;
                }
            }
        }
        return top;
    }
}
