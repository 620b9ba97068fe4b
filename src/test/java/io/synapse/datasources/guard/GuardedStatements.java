package io.synapse.datasources.guard;

/** The test double of the parser: hands the execution layer a statement no parser has checked. */
public final class GuardedStatements {

    private GuardedStatements() {
    }

    public static GuardedStatement unchecked(String sql) {
        return GuardedStatement.unchecked(sql);
    }
}
