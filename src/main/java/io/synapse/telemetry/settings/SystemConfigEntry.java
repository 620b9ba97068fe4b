package io.synapse.telemetry.settings;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import org.hibernate.annotations.ColumnTransformer;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** Seed 003 system_config: one row per setting an admin changed; the value is JSON text. */
@Entity
@Table(name = "system_config")
public class SystemConfigEntry extends PanacheEntityBase {

    @Id
    @Column(name = "config_key")
    public String key;

    @Column(name = "config_value", nullable = false)
    @ColumnTransformer(read = "config_value::text", write = "?::jsonb")
    public String value;

    public boolean isSensitive;

    public Instant createdAt;

    public Instant updatedAt;

    public UUID updatedBy;
}
