package io.synapse.telemetry.settings;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.eclipse.microprofile.context.ManagedExecutor;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.smallrye.mutiny.subscription.Cancellable;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.synapse.common.redis.RedisGuard;

/**
 * The current value of every run-time setting on this replica: what an admin stored in
 * system_config, else the default. Values are cached in memory, so reading one costs a map lookup.
 * A change is announced on the Redis channel synapse:config and every replica reloads at once;
 * should a message be lost (Redis down, a replica restarting its subscription), each replica also
 * compares a checksum of the table's keys and values every synapse.telemetry.settings-refresh-every and reloads on a
 * difference.
 */
@ApplicationScoped
public class Settings {

    private static final Logger LOG = Logger.getLogger(Settings.class);
    static final String CHANNEL = "synapse:config";

    /** A stored value, decoded, with who stored it when. */
    record Stored(Object value, JsonNode json, Instant updatedAt, UUID updatedBy) {
    }

    @Inject
    SettingCatalog catalog;

    @Inject
    RedisGuard redisGuard;

    @Inject
    ReactiveRedisDataSource redis;

    @Inject
    ObjectMapper mapper;

    @Inject
    ManagedExecutor executor;

    private volatile Map<String, Stored> stored = Map.of();
    private volatile String signature = "";
    /** The live subscription; alive turns false when it fails or ends (the callbacks may run before subscribe() returns). */
    private record Subscription(Cancellable cancellable, java.util.concurrent.atomic.AtomicBoolean alive) {
    }

    private volatile Subscription subscriber;

    void start(@Observes StartupEvent event) {
        reload();
        executor.execute(this::subscribe);
    }

    @PreDestroy
    void stop() {
        Subscription current = subscriber;
        if (current != null) {
            current.cancellable().cancel();
        }
    }

    /** The setting's value: stored, else default; null when it is off. */
    public Object value(String key) {
        Setting setting = catalog.find(key).orElseThrow(() -> new IllegalArgumentException("No setting " + key));
        Stored s = stored.get(key);
        return s != null ? s.value() : setting.defaultValue();
    }

    public Optional<Duration> duration(String key) {
        return Optional.ofNullable((Duration) value(key));
    }

    public long number(String key) {
        return ((Number) value(key)).longValue();
    }

    public boolean enabled(String key) {
        return (Boolean) value(key);
    }

    Optional<Stored> stored(String key) {
        return Optional.ofNullable(stored.get(key));
    }

    /** Tells every replica (this one included) to reload: called after a change commits. */
    void announce(String key) {
        reload();
        redisGuard.run(r -> r.pubsub(String.class).publish(CHANNEL, key));
    }

    /** The safety net for lost messages; also (re)subscribes when the subscription never started. */
    @Scheduled(identity = "settings-refresh", every = "${synapse.telemetry.settings-refresh-every}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void refreshIfChanged() {
        if (!currentSignature().equals(signature)) {
            reload();
        }
        Subscription current = subscriber;
        if (current == null || !current.alive().get()) {
            subscribe();
        }
    }

    synchronized void reload() {
        // The signature first: a change committed between the two reads makes the next refresh reload again.
        String read = currentSignature();
        List<SystemConfigEntry> rows = QuarkusTransaction.requiringNew().call(() -> SystemConfigEntry.<SystemConfigEntry>listAll());
        Map<String, Stored> next = new HashMap<>();
        for (SystemConfigEntry row : rows) {
            Optional<Setting> setting = catalog.find(row.key);
            if (setting.isEmpty()) {
                continue; // a setting this version no longer has
            }
            try {
                JsonNode json = mapper.readTree(row.value);
                Object value = json.isNull() ? null : setting.get().kind().decode(json, setting.get().min(), setting.get().max());
                next.put(row.key, new Stored(value, json, row.updatedAt, row.updatedBy));
            } catch (JsonProcessingException | IllegalArgumentException e) {
                // Written by hand or by another version: the default applies, loudly.
                LOG.warnf("system_config %s holds %s, which is not a valid value (%s): using the default", row.key, row.value, e.getMessage());
            }
        }
        stored = Map.copyOf(next);
        signature = read;
    }

    private static String currentSignature() {
        return QuarkusTransaction.requiringNew().call(() -> String.valueOf(SystemConfigEntry.getEntityManager()
                .createNativeQuery("SELECT coalesce(md5(string_agg(config_key || '=' || config_value::text, ',' ORDER BY config_key)), '') FROM system_config")
                .getSingleResult()));
    }

    /** Subscribes on Redis' own pub/sub connection; on failure or end, the next refresh subscribes again. */
    private synchronized void subscribe() {
        if (subscriber != null && subscriber.alive().get()) {
            return;
        }
        java.util.concurrent.atomic.AtomicBoolean alive = new java.util.concurrent.atomic.AtomicBoolean(true);
        Cancellable cancellable = redis.pubsub(String.class).subscribe(CHANNEL).subscribe().with(key -> executor.execute(() -> {
            try {
                reload();
            } catch (RuntimeException e) {
                LOG.warnf("Reloading settings after a change of %s failed (%s): the next refresh retries", key, e.getMessage());
            }
        }), failure -> {
            LOG.debugf("Subscription to %s failed: %s", CHANNEL, failure.getMessage());
            alive.set(false);
        }, () -> alive.set(false));
        subscriber = new Subscription(cancellable, alive);
    }
}
