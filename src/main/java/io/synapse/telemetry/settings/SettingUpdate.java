package io.synapse.telemetry.settings;

import com.fasterxml.jackson.databind.JsonNode;

/** PUT /api/admin/config/{key}: {"value": ...}; null turns off a setting that may be off. */
public record SettingUpdate(JsonNode value) {
}
