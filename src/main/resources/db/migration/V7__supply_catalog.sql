-- Seed 004's supply_catalog (knowledge module): optimisation supply items, shared by everyone,
-- kept by managers. user_id is who added an item (null for system items). search is derived
-- for the text filter: the name, category, provider and the specifications' keys and values,
-- with the 'simple' configuration so Portuguese and English words match as written.
CREATE TABLE supply_catalog (
    id                  uuid PRIMARY KEY,
    user_id             uuid          REFERENCES users (id) ON DELETE SET NULL,
    name                varchar(255)  NOT NULL,
    category            varchar(100)  NOT NULL,
    provider            varchar(100),
    specifications      jsonb         NOT NULL,
    pricing             jsonb,
    availability        jsonb,
    performance_metrics jsonb,
    is_active           boolean       NOT NULL DEFAULT true,
    created_at          timestamptz   NOT NULL DEFAULT now(),
    updated_at          timestamptz   NOT NULL DEFAULT now(),
    metadata            jsonb         NOT NULL DEFAULT '{}'::jsonb,
    search              tsvector      GENERATED ALWAYS AS (
                            setweight(to_tsvector('simple', name), 'A')
                            || setweight(to_tsvector('simple', category || ' ' || coalesce(provider, '')), 'B')
                            || setweight(jsonb_to_tsvector('simple', specifications, '["string", "numeric", "key"]'), 'C')) STORED
);
CREATE INDEX supply_catalog_list_idx ON supply_catalog (created_at DESC, id DESC);
CREATE INDEX supply_catalog_category_idx ON supply_catalog (category, created_at DESC, id DESC);
CREATE INDEX supply_catalog_provider_idx ON supply_catalog (provider);
CREATE INDEX supply_catalog_active_idx ON supply_catalog (is_active);
CREATE INDEX supply_catalog_user_idx ON supply_catalog (user_id);
CREATE INDEX supply_catalog_search_idx ON supply_catalog USING gin (search);
