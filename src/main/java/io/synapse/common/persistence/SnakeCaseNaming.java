package io.synapse.common.persistence;

import org.hibernate.boot.model.naming.Identifier;
import org.hibernate.boot.model.naming.PhysicalNamingStrategySnakeCaseImpl;
import org.hibernate.engine.jdbc.env.spi.JdbcEnvironment;

/**
 * Java camelCase to the seeds' snake_case, except for names quoted on purpose: seed 000's
 * "SKU" column is upper case, and Hibernate's snake-case strategy would lower-case it.
 */
public class SnakeCaseNaming extends PhysicalNamingStrategySnakeCaseImpl {

    @Override
    public Identifier toPhysicalColumnName(Identifier logicalName, JdbcEnvironment context) {
        return logicalName != null && logicalName.isQuoted() ? logicalName : super.toPhysicalColumnName(logicalName, context);
    }
}
