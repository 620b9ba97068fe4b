package io.synapse.telemetry.timings;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAccumulator;
import java.util.concurrent.atomic.LongAdder;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.scheduler.Scheduled;
import io.synapse.telemetry.ingest.MetricPointRow;
import io.synapse.telemetry.ingest.TelemetryWriter;
import io.synapse.telemetry.settings.SettingCatalog;
import io.synapse.telemetry.settings.Settings;
import io.vertx.ext.web.Router;

/**
 * The API's own request timings, stored as performance metrics without slowing requests: a request
 * only adds to in-memory counters of its operation (resource class and method), method and status
 * class; every synapse.telemetry.request-timings.flush-every the counters are written off the
 * request threads as one row per operation (metric http.server.requests, the mean in ms, with
 * count, sum and max in additional_data). A crash loses at most one interval; a shutdown flushes.
 */
@ApplicationScoped
public class RequestTimings {

    private static final Logger LOG = Logger.getLogger(RequestTimings.class);
    public static final String OPERATION = "synapse.operation";
    static final String METRIC = "http.server.requests";

    record Key(String operation, String method, String statusClass) {
    }

    static final class Counter {
        final LongAdder count = new LongAdder();
        final LongAdder micros = new LongAdder();
        final LongAccumulator maxMicros = new LongAccumulator(Math::max, 0);
    }

    @Inject
    Settings settings;

    @Inject
    TelemetryWriter writer;

    @Inject
    ObjectMapper mapper;

    private final Map<Key, Counter> counters = new ConcurrentHashMap<>();

    void register(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE + 2).handler(ctx -> {
            long started = System.nanoTime();
            ctx.addEndHandler(done -> {
                String operation = ctx.get(OPERATION);
                if (operation != null) {
                    record(operation, ctx.request().method().name(), ctx.response().getStatusCode(), (System.nanoTime() - started) / 1000);
                }
            });
            ctx.next();
        });
    }

    void record(String operation, String method, int status, long micros) {
        if (!settings.enabled(SettingCatalog.REQUEST_TIMINGS)) {
            return;
        }
        Counter counter = counters.computeIfAbsent(new Key(operation, method, (status / 100) + "xx"), k -> new Counter());
        counter.count.increment();
        counter.micros.add(micros);
        counter.maxMicros.accumulate(micros);
    }

    @Scheduled(identity = "request-timings-flush", every = "${synapse.telemetry.request-timings.flush-every}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    public void flush() {
        Instant now = Instant.now();
        List<MetricPointRow> rows = new ArrayList<>();
        for (Key key : List.copyOf(counters.keySet())) {
            // Removed before it is read: a request finishing now starts a new counter for the next interval.
            Counter counter = counters.remove(key);
            long count = counter == null ? 0 : counter.count.sum();
            if (count == 0) {
                continue;
            }
            long micros = counter.micros.sum();
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("operation", key.operation());
            data.put("method", key.method());
            data.put("status_class", key.statusClass());
            data.put("count", count);
            data.put("sum_ms", micros / 1000.0);
            data.put("max_ms", counter.maxMicros.get() / 1000.0);
            rows.add(new MetricPointRow(now, METRIC, Math.round(micros / (double) count) / 1000.0, "ms", "api", null, json(data)));
        }
        if (rows.isEmpty()) {
            return;
        }
        try {
            writer.writeMetrics(rows);
        } catch (RuntimeException e) {
            LOG.warnf("Request timings of the last interval were not stored (%s)", e.getMessage());
        }
    }

    void onStop(@Observes ShutdownEvent event) {
        flush();
    }

    private String json(Object value) {
        try {
            return mapper.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
