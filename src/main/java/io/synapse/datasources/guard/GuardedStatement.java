package io.synapse.datasources.guard;

import java.util.List;

/**
 * A statement that passed the guard: the SQL to run (re-written from the parsed tree, so
 * comments and anything the parser did not understand are gone, with the row cap pushed in),
 * and the names of its parameters in the order of their '?' placeholders.
 */
public record GuardedStatement(String sql, List<String> parameters, boolean explain, String checkedSql) {

    /** For tests of the execution layer alone: a statement the parser never saw. */
    static GuardedStatement unchecked(String sql) {
        return new GuardedStatement(sql, List.of(), false, sql);
    }
}
