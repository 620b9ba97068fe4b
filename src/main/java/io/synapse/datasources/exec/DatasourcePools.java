package io.synapse.datasources.exec;

import java.net.InetAddress;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;

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

    private record Entry(String fingerprint, AgroalDataSource pool, AtomicLong lastUsed) {
    }

    @Inject
    DatasourcesConfig config;

    @Inject
    SecretCipher cipher;

    @Inject
    TargetPolicy targets;

    private final Map<UUID, Entry> pools = new ConcurrentHashMap<>();
    /** Pools replaced or evicted while connections were out: closed once those came back. */
    private final Queue<AgroalDataSource> retired = new ConcurrentLinkedQueue<>();

    /** A connection from the pool of this database; the caller closes it. */
    public Connection borrow(DatabaseConnection target) throws SQLException {
        Entry entry = pools.compute(target.id, (id, current) -> {
            if (current != null && current.fingerprint().equals(target.poolFingerprint())) {
                current.lastUsed().set(System.nanoTime());
                return current;
            }
            if (current != null) {
                retire(current.pool());
            }
            return new Entry(target.poolFingerprint(), open(target), new AtomicLong(System.nanoTime()));
        });
        return entry.pool().getConnection();
    }

    /**
     * Drops the pool of a changed, tested or deleted connection. Connections out of it (a stream
     * still being read) finish their work; the pool is closed when they are all back.
     */
    public void evict(UUID connectionId) {
        pools.computeIfPresent(connectionId, (id, entry) -> {
            retire(entry.pool());
            return null;
        });
    }

    public int open() {
        return pools.size();
    }

    @Scheduled(every = "1m", delay = 1, concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void closeIdle() {
        long idle = config.pool().idleClose().toNanos();
        for (UUID id : pools.keySet()) {
            // Atomic with borrow's compute: a pool borrowed from just now has a fresh lastUsed and stays.
            pools.computeIfPresent(id, (key, entry) -> {
                if (System.nanoTime() - entry.lastUsed().get() > idle && entry.pool().getMetrics().activeCount() == 0) {
                    entry.pool().close();
                    LOG.debugf("Closed the idle pool of connection %s", key);
                    return null;
                }
                return entry;
            });
        }
        retired.removeIf(pool -> {
            if (pool.getMetrics().activeCount() == 0) {
                pool.close();
                return true;
            }
            return false;
        });
    }

    @PreDestroy
    void closeAll() {
        pools.values().forEach(entry -> entry.pool().close());
        pools.clear();
        retired.forEach(AgroalDataSource::close);
        retired.clear();
    }

    private void retire(AgroalDataSource pool) {
        // Idle connections go at once; connections in use are destroyed when they come back.
        pool.flush(AgroalDataSource.FlushMode.GRACEFUL);
        if (pool.getMetrics().activeCount() == 0) {
            pool.close();
        } else {
            retired.add(pool);
        }
    }

    private AgroalDataSource open(DatabaseConnection target) {
        // The name may resolve elsewhere than when it was saved: the policy is checked again on every
        // new pool, and the pool connects to the address that was checked, so a name that changes
        // its answer later (DNS rebinding) cannot lead a new connection elsewhere. verify-full keeps
        // the name: the certificate must match it, which a rebound address cannot present.
        InetAddress checked = targets.check(target.host, target.port, target.databaseName);
        String connectTo = "verify-full".equals(target.sslMode) ? target.host : checked.getHostAddress();
        Duration connectTimeout = config.pool().connectTimeout();
        AgroalDataSourceConfigurationSupplier supplier = new AgroalDataSourceConfigurationSupplier().metricsEnabled(true);
        supplier.connectionPoolConfiguration(pool -> pool.initialSize(0).minSize(0).maxSize(Math.max(1, config.pool().maxSize()))
                .acquisitionTimeout(config.pool().acquisitionTimeout()).reapTimeout(Duration.ofMinutes(2)).validationTimeout(Duration.ofMinutes(1))
                .maxLifetime(Duration.ofMinutes(30))
                .connectionFactoryConfiguration(factory -> {
                    factory.jdbcUrl(JdbcUrls.of(target, connectTo)).loginTimeout(connectTimeout).autoCommit(true)
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
