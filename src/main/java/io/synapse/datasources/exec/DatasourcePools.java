package io.synapse.datasources.exec;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import io.agroal.api.AgroalDataSource;
import io.agroal.api.configuration.AgroalConnectionFactoryConfiguration;
import io.agroal.api.configuration.supplier.AgroalDataSourceConfigurationSupplier;
import io.agroal.api.security.NamePrincipal;
import io.agroal.api.security.SimplePassword;
import io.quarkus.scheduler.Scheduled;
import io.synapse.datasources.DatabaseConnection;
import io.synapse.datasources.DatasourcesConfig;
import io.synapse.datasources.Engine;
import io.synapse.datasources.SecretCipher;
import io.synapse.datasources.TargetPolicy;

/**
 * One small Agroal pool per registered database and replica, opened on first use, replaced when
 * the connection's address or credentials change, closed after synapse.datasources.pool.idle-close
 * without use. They are separate from the API's own pool: a slow user database can exhaust only
 * its own few connections, never the ones Synapse itself needs.
 */
@ApplicationScoped
public class DatasourcePools {

    private static final Logger LOG = Logger.getLogger(DatasourcePools.class);

    private record Entry(String fingerprint, AgroalDataSource pool, long[] lastUsed) {
    }

    @Inject
    DatasourcesConfig config;

    @Inject
    SecretCipher cipher;

    @Inject
    TargetPolicy targets;

    private final Map<UUID, Entry> pools = new ConcurrentHashMap<>();

    /** A connection from the pool of this database; the caller closes it. */
    public Connection borrow(DatabaseConnection target) throws SQLException {
        Entry entry = pools.compute(target.id, (id, current) -> {
            if (current != null && current.fingerprint().equals(target.poolFingerprint())) {
                return current;
            }
            if (current != null) {
                current.pool().close();
            }
            return new Entry(target.poolFingerprint(), open(target), new long[1]);
        });
        entry.lastUsed()[0] = System.nanoTime();
        return entry.pool().getConnection();
    }

    /** Drops the pool of a changed or deleted connection. */
    public void evict(UUID connectionId) {
        Entry entry = pools.remove(connectionId);
        if (entry != null) {
            entry.pool().close();
        }
    }

    public int open() {
        return pools.size();
    }

    @Scheduled(every = "1m", delay = 1, concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void closeIdle() {
        long idle = config.pool().idleClose().toNanos();
        long now = System.nanoTime();
        pools.forEach((id, entry) -> {
            if (now - entry.lastUsed()[0] > idle && entry.pool().getMetrics().activeCount() == 0) {
                if (pools.remove(id, entry)) {
                    entry.pool().close();
                    LOG.debugf("Closed the idle pool of connection %s", id);
                }
            }
        });
    }

    @PreDestroy
    void closeAll() {
        pools.values().forEach(entry -> entry.pool().close());
        pools.clear();
    }

    private AgroalDataSource open(DatabaseConnection target) {
        // The name may resolve elsewhere than when it was saved: the policy is checked again on every new pool.
        targets.check(target.host, target.port, target.databaseName);
        Duration connectTimeout = config.pool().connectTimeout();
        AgroalDataSourceConfigurationSupplier supplier = new AgroalDataSourceConfigurationSupplier().metricsEnabled(true);
        supplier.connectionPoolConfiguration(pool -> pool.initialSize(0).minSize(0).maxSize(Math.max(1, config.pool().maxSize()))
                .acquisitionTimeout(config.pool().acquisitionTimeout()).reapTimeout(Duration.ofMinutes(2)).validationTimeout(Duration.ofMinutes(1))
                .maxLifetime(Duration.ofMinutes(30))
                .connectionFactoryConfiguration(factory -> {
                    factory.jdbcUrl(JdbcUrls.of(target)).loginTimeout(connectTimeout).autoCommit(true)
                            .jdbcTransactionIsolation(AgroalConnectionFactoryConfiguration.TransactionIsolation.READ_COMMITTED)
                            .principal(new NamePrincipal(target.username))
                            .credential(new SimplePassword(cipher.open(target.passwordKeyId, target.passwordCiphertext)));
                    factory.connectionProviderClass(target.engine == Engine.POSTGRESQL ? org.postgresql.Driver.class : org.mariadb.jdbc.Driver.class);
                    Duration statementTimeout = config.query().statementTimeout();
                    JdbcUrls.properties(target, connectTimeout, statementTimeout).forEach(factory::jdbcProperty);
                    if (JdbcUrls.initialSql(target, statementTimeout) != null) {
                        factory.initialSql(JdbcUrls.initialSql(target, statementTimeout));
                    }
                    return factory;
                }));
        try {
            return AgroalDataSource.from(supplier);
        } catch (SQLException e) {
            throw new IllegalStateException("Could not create a pool for connection " + target.id, e);
        }
    }
}
