package io.synapse.telemetry.settings;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;

import io.synapse.common.error.ProblemException;
import io.synapse.common.security.Actor;
import io.synapse.telemetry.AuditRecorder;

/** Stores and resets settings; every change is audited with its old and new value and announced to all replicas. */
@ApplicationScoped
public class SettingsService {

    @Inject
    SettingCatalog catalog;

    @Inject
    Settings settings;

    @Inject
    AuditRecorder audit;

    @Inject
    com.fasterxml.jackson.databind.ObjectMapper mapper;

    public Setting require(String key) {
        return catalog.find(key).orElseThrow(() -> ProblemException.notFound("setting", key));
    }

    public SettingView view(String key) {
        return SettingView.of(require(key), settings.stored(key).orElse(null));
    }

    public SettingView update(Actor actor, String key, SettingUpdate update) {
        Setting setting = require(key);
        if (update == null || update.value() == null) {
            throw ProblemException.invalidField("value", "is required");
        }
        JsonNode json = update.value().isEmpty() ? NullNode.getInstance() : mapper.valueToTree(update.value().get());
        if (json.isNull()) {
            if (!setting.nullable()) {
                throw ProblemException.invalidField("value", "may not be null: this setting cannot be turned off");
            }
        } else {
            try {
                setting.kind().decode(json, setting.min(), setting.max());
            } catch (IllegalArgumentException e) {
                throw ProblemException.invalidField("value", e.getMessage());
            }
        }
        store(actor, setting, json);
        settings.announce(key);
        return view(key);
    }

    public SettingView reset(Actor actor, String key) {
        Setting setting = require(key);
        remove(actor, setting);
        settings.announce(key);
        return view(key);
    }

    @Transactional
    void store(Actor actor, Setting setting, JsonNode json) {
        SystemConfigEntry row = SystemConfigEntry.findById(setting.key(), LockModeType.PESSIMISTIC_WRITE);
        Instant now = Instant.now();
        JsonNode before = row == null ? null : readOrNull(row.value);
        if (row == null) {
            row = new SystemConfigEntry();
            row.key = setting.key();
            row.createdAt = now;
        }
        row.value = json.toString();
        row.updatedAt = now;
        row.updatedBy = actor.userId();
        row.persist();
        audit.event("config.update", actor).resource("system_config", setting.key())
                .oldValues(values(before == null ? "(default)" : before, setting))
                .newValues(values(json, setting)).record();
    }

    @Transactional
    void remove(Actor actor, Setting setting) {
        SystemConfigEntry row = SystemConfigEntry.findById(setting.key(), LockModeType.PESSIMISTIC_WRITE);
        if (row == null) {
            return;
        }
        JsonNode before = readOrNull(row.value);
        row.delete();
        audit.event("config.reset", actor).resource("system_config", setting.key())
                .oldValues(values(before, setting)).newValues(values("(default)", setting)).record();
    }

    private static Map<String, Object> values(Object value, Setting setting) {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("value", value instanceof JsonNode node && node.isNull() ? null : value);
        values.put("default", setting.defaultValue() == null ? null : setting.kind().encode(setting.defaultValue()));
        return values;
    }

    private JsonNode readOrNull(String text) {
        try {
            return mapper.readTree(text);
        } catch (Exception e) {
            return NullNode.getInstance();
        }
    }
}
