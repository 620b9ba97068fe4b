package io.synapse.telemetry.settings;

import java.util.Optional;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * PUT /api/admin/config/{key}: {"value": ...}. A missing value (null here) is refused; an explicit
 * null (Optional.empty()) turns off a setting that may be off.
 */
public record SettingUpdate(@JsonProperty(required = true) Optional<Object> value) {
}
