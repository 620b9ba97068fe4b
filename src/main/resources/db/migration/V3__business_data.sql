-- Business data (seed 000): clientes, estoque and faturamento keep the seed's table and column
-- names, "SKU" included, because the CSV files are the contract. data_imports records every
-- load attempt; import_id ties each row to the import that loaded it.

CREATE TABLE clientes (
    cod_cliente integer PRIMARY KEY,
    nome        varchar(100)
);
CREATE INDEX clientes_nome_idx ON clientes (lower(nome));

CREATE TABLE data_imports (
    id              bigserial PRIMARY KEY,
    kind            varchar(20)  NOT NULL,
    mode            varchar(10)  NOT NULL,
    status          varchar(20)  NOT NULL,
    file_name       varchar(255),
    sha256          char(64),
    bytes           bigint,
    rows_total      integer,
    rows_loaded     integer,
    rows_rejected   integer,
    clients_created integer,
    problems        jsonb,
    error_message   text,
    user_id         uuid REFERENCES users (id) ON DELETE SET NULL,
    started_at      timestamptz  NOT NULL DEFAULT now(),
    finished_at     timestamptz,
    duration_ms     integer,
    CONSTRAINT data_imports_kind_ck CHECK (kind IN ('estoque', 'faturamento')),
    CONSTRAINT data_imports_mode_ck CHECK (mode IN ('append', 'replace')),
    CONSTRAINT data_imports_status_ck CHECK (status IN ('running', 'succeeded', 'rejected', 'duplicate', 'failed', 'replaced'))
);
-- One live load per file and table: the same file twice is refused (409) unless it replaces.
CREATE UNIQUE INDEX data_imports_file_uq ON data_imports (kind, sha256) WHERE status = 'succeeded';
CREATE INDEX data_imports_kind_idx ON data_imports (kind, id DESC);
CREATE INDEX data_imports_user_idx ON data_imports (user_id) WHERE user_id IS NOT NULL;

CREATE TABLE estoque (
    id               bigserial PRIMARY KEY,
    data             timestamp     NOT NULL,
    cod_cliente      integer       NOT NULL REFERENCES clientes (cod_cliente),
    es_centro        varchar(50)   NOT NULL,
    tipo_material    varchar(100)  NOT NULL,
    origem           varchar(50)   NOT NULL,
    cod_produto      varchar(50)   NOT NULL,
    lote             varchar(50)   NOT NULL,
    dias_em_estoque  integer       NOT NULL,
    produto          varchar(100)  NOT NULL,
    grupo_mercadoria varchar(100)  NOT NULL,
    es_totalestoque  numeric       NOT NULL,
    "SKU"            varchar(50)   NOT NULL,
    import_id        bigint        REFERENCES data_imports (id)
);
CREATE INDEX estoque_data_idx ON estoque (data);
CREATE INDEX estoque_cliente_idx ON estoque (cod_cliente);
CREATE INDEX estoque_centro_idx ON estoque (es_centro);
CREATE INDEX estoque_tipo_idx ON estoque (tipo_material);
CREATE INDEX estoque_grupo_idx ON estoque (grupo_mercadoria);
CREATE INDEX estoque_produto_idx ON estoque (cod_produto);
CREATE INDEX estoque_sku_idx ON estoque ("SKU");
CREATE INDEX estoque_import_idx ON estoque (import_id);

CREATE TABLE faturamento (
    id               bigserial PRIMARY KEY,
    data             timestamp     NOT NULL,
    cod_cliente      integer       NOT NULL REFERENCES clientes (cod_cliente),
    lote             varchar(50)   NOT NULL,
    origem           varchar(50)   NOT NULL,
    zs_gr_mercad     varchar(100)  NOT NULL,
    produto          varchar(100)  NOT NULL,
    cod_produto      varchar(50)   NOT NULL,
    zs_centro        varchar(50)   NOT NULL,
    zs_cidade        varchar(100)  NOT NULL,
    zs_uf            varchar(10)   NOT NULL,
    zs_peso_liquido  numeric       NOT NULL,
    giro_sku_cliente numeric       NOT NULL,
    "SKU"            varchar(50)   NOT NULL,
    import_id        bigint        REFERENCES data_imports (id)
);
CREATE INDEX faturamento_data_idx ON faturamento (data);
CREATE INDEX faturamento_cliente_idx ON faturamento (cod_cliente);
CREATE INDEX faturamento_centro_idx ON faturamento (zs_centro);
CREATE INDEX faturamento_grupo_idx ON faturamento (zs_gr_mercad);
CREATE INDEX faturamento_produto_idx ON faturamento (cod_produto);
CREATE INDEX faturamento_sku_idx ON faturamento ("SKU");
CREATE INDEX faturamento_uf_cidade_idx ON faturamento (zs_uf, zs_cidade);
CREATE INDEX faturamento_cidade_idx ON faturamento (zs_cidade);
CREATE INDEX faturamento_import_idx ON faturamento (import_id);
