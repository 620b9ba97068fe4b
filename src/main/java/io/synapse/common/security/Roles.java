package io.synapse.common.security;

/** Role names as compile-time constants for {@code @RolesAllowed}. The ladder lives in {@link Role}. */
public final class Roles {

    public static final String VIEWER = "viewer";
    public static final String REP = "rep";
    public static final String MANAGER = "manager";
    public static final String ADMIN = "admin";

    private Roles() {
    }
}
