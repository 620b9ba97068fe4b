package io.synapse.telemetry.settings;

import java.time.Instant;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A setting as GET /api/admin/config shows it. value is what applies now (null: off); source says
 * whether an admin stored it or it is the default; minimum and maximum are seconds for durations.
 */
public record SettingView(String key, SettingKind type, Object value, Object defaultValue, boolean nullable, Long minimum, Long maximum,
        String description, String source, Instant updatedAt, UUID updatedBy) {

    static SettingView of(Setting setting, Settings.Stored stored) {
        boolean bounded = setting.kind() != SettingKind.BOOLEAN;
        JsonNode defaultJson = encode(setting, setting.defaultValue());
        return new SettingView(setting.key(), setting.kind(), stored != null ? encode(setting, stored.value()) : defaultJson, defaultJson,
                setting.nullable(), bounded ? setting.min() : null, bounded ? setting.max() : null, setting.description(),
                stored != null ? "stored" : "default", stored != null ? stored.updatedAt() : null, stored != null ? stored.updatedBy() : null);
    }

    private static JsonNode encode(Setting setting, Object value) {
        return value == null ? com.fasterxml.jackson.databind.node.NullNode.getInstance() : setting.kind().encode(value);
    }
}
