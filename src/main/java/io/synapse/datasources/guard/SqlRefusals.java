package io.synapse.datasources.guard;

import java.util.List;

import io.synapse.common.error.FieldError;
import io.synapse.common.error.Problem;
import io.synapse.common.error.ProblemException;

/** A refusal as the client sees it: 422, type .../sql-refused/{reason}, the finding in detail and on field "sql". */
public final class SqlRefusals {

    public static final String TYPE = Problem.TYPE_BASE + "sql-refused/";

    private SqlRefusals() {
    }

    public static ProblemException problem(SqlRefused refused, String field) {
        if ("busy".equals(refused.reason())) {
            return ProblemException.serviceUnavailable(refused.getMessage());
        }
        return new ProblemException(new Problem(TYPE + refused.reason(), "Statement refused", 422, refused.getMessage(),
                List.of(new FieldError(field, refused.reason() + ": " + refused.getMessage()))));
    }
}
