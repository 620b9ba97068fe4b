package io.synapse.telemetry.settings;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.synapse.common.config.SynapseConfig;
import io.synapse.telemetry.TelemetryConfig;

/** Every setting /api/admin/config knows. A key not listed here cannot be stored. */
@ApplicationScoped
public class SettingCatalog {

    public static final String RETENTION_WORKLOAD_EVENTS = "retention.workload_events";
    public static final String RETENTION_EVENTS = "retention.events";
    public static final String RETENTION_PERFORMANCE_METRICS = "retention.performance_metrics";
    public static final String RETENTION_WORKLOAD_METRICS_HOURLY = "retention.workload_metrics_hourly";
    public static final String RETENTION_USER_ACTIVITY = "retention.user_activity";
    public static final String RETENTION_AUDIT_LOGS = "retention.audit_logs";
    public static final String RETENTION_RUNS = "retention.runs";
    public static final String PRINCIPAL_RATE_LIMIT = "auth.principal_rate_limit";
    public static final String LOGIN_RATE_LIMIT = "auth.login_rate_limit";
    public static final String REQUEST_TIMINGS = "telemetry.request_timings";

    private static final long DAY = 86_400;
    private static final long CENTURY = 36_500 * DAY;

    private final Map<String, Setting> settings = new LinkedHashMap<>();

    @Inject
    public SettingCatalog(TelemetryConfig telemetry, SynapseConfig synapse) {
        TelemetryConfig.Retention retention = telemetry.retention();
        retention(RETENTION_WORKLOAD_EVENTS, retention.workloadEvents(), "How long workload events are kept (whole days are dropped); null keeps them forever");
        retention(RETENTION_EVENTS, retention.events(), "How long product events are kept");
        retention(RETENTION_PERFORMANCE_METRICS, retention.performanceMetrics(), "How long performance metrics (posted and the API's own request timings) are kept");
        retention(RETENTION_WORKLOAD_METRICS_HOURLY, retention.workloadMetricsHourly(), "How long hourly workload rollups are kept");
        retention(RETENTION_USER_ACTIVITY, retention.userActivity(), "How long daily user activity is kept");
        retention(RETENTION_AUDIT_LOGS, retention.auditLogs().orElse(null), "How long audit log entries are kept; null (the default) keeps them forever");
        retention(RETENTION_RUNS, retention.runs().orElse(null), "How long run logs are kept; null (the default) keeps them forever");
        add(new Setting(PRINCIPAL_RATE_LIMIT, SettingKind.INTEGER, false, 1, 100_000_000, (long) synapse.auth().principalRateLimit(),
                "Authenticated requests one user, key or service may make per " + SettingKind.format(synapse.auth().principalRateWindow())));
        add(new Setting(LOGIN_RATE_LIMIT, SettingKind.INTEGER, false, 1, 1_000_000, (long) synapse.auth().loginRateLimit(),
                "Login attempts per IP address and e-mail per " + SettingKind.format(synapse.auth().loginRateWindow())));
        add(new Setting(REQUEST_TIMINGS, SettingKind.BOOLEAN, false, 0, 0, telemetry.requestTimings().enabled(),
                "Record the API's own request timings as performance metrics"));
    }

    private void retention(String key, Duration value, String description) {
        add(new Setting(key, SettingKind.DURATION, true, DAY, CENTURY, value == null || value.isZero() ? null : value, description));
    }

    private void add(Setting setting) {
        settings.put(setting.key(), setting);
    }

    public Optional<Setting> find(String key) {
        return Optional.ofNullable(settings.get(key));
    }

    public List<Setting> all() {
        return List.copyOf(settings.values());
    }
}
