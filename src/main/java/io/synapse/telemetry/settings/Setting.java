package io.synapse.telemetry.settings;

/**
 * One run-time setting: its key, JSON kind, bounds (seconds for durations), whether null ("off")
 * is allowed, what it does, and its default (from application.properties, so an environment
 * variable still sets it for a fresh deployment).
 */
public record Setting(String key, SettingKind kind, boolean nullable, long min, long max, Object defaultValue, String description) {
}
